import { request } from 'node:http';

const probe = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const outgoing = request(url, { agent: false, timeout: 1000 }, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 500);
    });
    outgoing.on('error', () => resolve(false));
    outgoing.on('timeout', () => outgoing.destroy());
    outgoing.end();
  });

/**
 * Polls `url` with GET until it answers below HTTP 500.
 *
 * @param url - What to poll.
 * @param timeoutMs - How long to keep trying.
 * @param exited - Returns true once the server process is gone, to stop waiting early.
 * @throws Error when the time is up or the process exited.
 */
export async function waitForHttp(url: string, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the server process exited during start-up');
    if (await probe(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer from ${url} within ${Math.round(timeoutMs / 1000)} s`);
}
