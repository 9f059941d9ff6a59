import type { LanguageModelV3StreamPart, SharedV3Warning } from '@ai-sdk/provider';
import { type CallOptions, ConnectorError, type StreamChunk } from '@hub/core';
import { linkedAbort } from './internal/linked-abort.js';
import { StreamPartMapper } from './stream-part-mapper.js';

/**
 * Opens a hub stream as the AI SDK's `ReadableStream` of stream parts. `open` starts the hub call
 * with the options given (their signal follows `callOptions.signal` and also aborts when the
 * consumer cancels).
 *
 * The first chunk is awaited here, so a call that fails before any output (a bad request, every
 * target of the route failing, an abort) rejects like an HTTP provider's `doStream` does, and the
 * AI SDK reports it as a call that produced nothing. After that:
 *
 * - parts are produced on demand (`pull`), one hub chunk at a time, so backpressure reaches the
 *   upstream connection;
 * - a failure (a broken upstream stream, a deadline, an abort) becomes an `error` part and closes
 *   the stream without a `finish` part, so `streamText` reports it and its finish reason reads
 *   `error`, never a quiet success;
 * - a hub stream that ends without `finish` is reported the same way (`stream` error);
 * - cancelling the stream (a consumer that stops reading) aborts the hub call, which closes the
 *   upstream connection even while a read is waiting for the next chunk, then closes the iterator.
 *
 * @throws ConnectorError when the hub stream fails before its first chunk.
 */
export async function openStreamParts(
  open: (options: CallOptions) => AsyncIterable<StreamChunk>,
  callOptions: CallOptions,
  warnings: SharedV3Warning[],
): Promise<ReadableStream<LanguageModelV3StreamPart>> {
  const abort = linkedAbort(callOptions.signal);
  const iterator = open({ ...callOptions, signal: abort.signal })[Symbol.asyncIterator]();
  let first: IteratorResult<StreamChunk> | undefined;
  try {
    first = await iterator.next();
  } catch (error) {
    abort.release();
    throw error;
  }
  const mapper = new StreamPartMapper();
  let ended = false;
  let cancelled = false;

  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      controller.enqueue({ type: 'stream-start', warnings });
    },
    async pull(controller) {
      const parts: LanguageModelV3StreamPart[] = [];
      try {
        // a pull that enqueues nothing is not called again: read until a chunk maps to parts
        while (parts.length === 0) {
          const step: IteratorResult<StreamChunk> = first ?? (await iterator.next());
          first = undefined;
          if (step.done === true) {
            if (!mapper.finished) {
              parts.push({
                type: 'error',
                error: new ConnectorError('stream', 'The hub stream ended without a finish chunk.'),
              });
            }
            ended = true;
            break;
          }
          mapper.push(step.value, parts);
        }
      } catch (error) {
        parts.push({ type: 'error', error });
        ended = true;
      }
      // a consumer that cancelled while this read was waiting has closed the stream already
      if (cancelled) return;
      for (const part of parts) controller.enqueue(part);
      if (ended) {
        abort.release();
        controller.close();
      }
    },
    async cancel() {
      cancelled = true;
      if (ended) return;
      ended = true;
      abort.abort(new ConnectorError('cancelled', 'The AI SDK stopped reading the stream.'));
      abort.release();
      try {
        await iterator.return?.();
      } catch {
        // the consumer has gone; closing the upstream is all that was left to do
      }
    },
  });
}
