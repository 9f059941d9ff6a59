import type { StreamChunk } from '@hub/core';
import type { FastifyReply } from 'fastify';
import type { StreamEncoder } from '../wire/wire-format.js';
import type { CallScope } from './call-scope.js';
import { waitForDrain } from './wait-for-drain.js';

/**
 * Streams a hub call to the client as SSE. The first chunk is awaited before any byte is sent,
 * so a failure before content (a 429 after retries, an invalid request, the gateway's own
 * deadline) still rejects here and gets its proper HTTP status from the caller; later failures
 * become the encoder's error frame. That includes the gateway's own deadlines (`timeout`): only
 * a client that went away gets no frame, since nobody is left to read it. Backpressure is
 * honoured, and the hub stream is always closed (closing the upstream).
 */
export async function writeSseStream(
  reply: FastifyReply,
  stream: AsyncIterable<StreamChunk>,
  encoder: StreamEncoder,
  scope: CallScope,
): Promise<FastifyReply> {
  const iterator = stream[Symbol.asyncIterator]();
  let first: IteratorResult<StreamChunk>;
  try {
    first = await scope.next(iterator);
  } catch (error) {
    close(iterator, scope);
    throw error;
  }
  const raw = reply.raw;
  reply.hijack();
  const headers: Record<string, string | number | string[]> = {};
  // headers set on the reply before the hijack (request id, CORS) still belong to this answer
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) headers[name] = value;
  raw.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  try {
    let step: IteratorResult<StreamChunk> = first;
    while (step.done !== true) {
      // the answer is complete: the encoder's work with it (storing it) comes before its last frames
      if (step.value.type === 'finish' && encoder.commit !== undefined)
        await scope.race(encoder.commit(step.value));
      const frames = encoder.encode(step.value);
      if (frames !== '' && !raw.write(frames)) await waitForDrain(raw, scope.signal);
      step = await scope.next(iterator);
    }
  } catch (error) {
    if (!scope.clientGone) raw.write(encoder.errorFrame(scope.failure ?? error));
  } finally {
    await close(iterator, scope);
    raw.end();
  }
  return reply;
}

/**
 * Closes the hub stream. While a `next()` the scope gave up on is still pending, `return()`
 * would queue behind it, so it is left to finish on its own: the aborted signal closes the
 * upstream.
 */
function close(iterator: AsyncIterator<StreamChunk>, scope: CallScope): Promise<void> {
  const closing = Promise.resolve(iterator.return?.()).then(
    () => undefined,
    () => undefined,
  );
  return scope.abandonedNext ? Promise.resolve() : closing;
}
