import type { ServerResponse } from 'node:http';

/**
 * Writes a stream's SSE events one per write, each after the previous one has been handed to the
 * kernel and the event loop has turned once, then ends the response: what a real upstream does
 * when it flushes every token as it is generated, so the client pays its per-read costs (one
 * socket read, one parse, one chunk) per event instead of once per burst. Stops when the client
 * goes away.
 *
 * @param response - The streaming response, headers already written.
 * @param events - The SSE events in order.
 */
export function writeEventsOneByOne(response: ServerResponse, events: readonly Buffer[]): void {
  let index = 0;
  let closed = false;
  response.once('close', () => {
    closed = true;
  });
  const next = (): void => {
    if (closed) return;
    const event = events[index++];
    if (event === undefined) {
      response.end();
      return;
    }
    // the write callback fires once the bytes are flushed; setImmediate keeps writes apart
    response.write(event, () => setImmediate(next));
  };
  next();
}
