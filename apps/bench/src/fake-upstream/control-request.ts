import { request } from 'node:http';

/**
 * Calls a fake upstream control endpoint (`/__bench/…`) over a connection of its own
 * (`node:http`, no pool), so the client under test is not involved, and parses its JSON answer.
 *
 * @param origin - The upstream's origin.
 * @param method - HTTP method.
 * @param path - Control path (`CONTROL_COUNTS_PATH`, `CONTROL_RELEASE_PATH`).
 * @returns The parsed answer.
 * @throws Error on a network failure or a non-200 status.
 */
export function controlRequest<T>(origin: string, method: 'GET' | 'POST', path: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const outgoing = request(`${origin}${path}`, { method, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (piece: string) => {
        body += piece;
      });
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`${path}: HTTP ${response.statusCode}`));
        else resolve(JSON.parse(body) as T);
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
