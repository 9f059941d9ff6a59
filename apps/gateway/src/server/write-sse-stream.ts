import type { StreamChunk } from '@hub/core';
import type { FastifyReply } from 'fastify';
import { waitForDrain } from './wait-for-drain.js';

/** How one wire format writes a hub stream as server-sent events. */
export interface SseEncoding {
  /** The frames for one chunk (possibly none). */
  encode(chunk: StreamChunk): string;
  /** The frame that reports a failure after the headers were sent. */
  errorFrame(error: unknown): string;
}

/**
 * Streams a hub call to the client as SSE. The first chunk is awaited before any byte is sent,
 * so a failure before content (a 429 after retries, an invalid request) still rejects here and
 * gets its proper HTTP status from the caller; later failures become the format's error frame.
 * Backpressure is honoured, and the hub stream is always closed (closing the upstream).
 */
export async function writeSseStream(
  reply: FastifyReply,
  stream: AsyncIterable<StreamChunk>,
  encoding: SseEncoding,
  signal: AbortSignal,
): Promise<FastifyReply> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  try {
    let step: IteratorResult<StreamChunk> = first;
    while (step.done !== true) {
      const frames = encoding.encode(step.value);
      if (frames !== '' && !raw.write(frames)) await waitForDrain(raw, signal);
      step = await iterator.next();
    }
  } catch (error) {
    if (!signal.aborted) raw.write(encoding.errorFrame(error));
  } finally {
    await iterator.return?.();
    raw.end();
  }
  return reply;
}
