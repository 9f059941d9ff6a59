import type { FinishChunk, StreamChunk, Usage } from '@hub/core';

/** How an observed stream ended, and what passed before. */
export interface StreamEnding {
  /** `finished`: the `finish` chunk arrived; `failed`: the stream threw; `closed`: its reader stopped. */
  readonly kind: 'finished' | 'failed' | 'closed';
  readonly finish: FinishChunk | undefined;
  /** The finish chunk's usage, else the last `usage` chunk's. */
  readonly usage: Usage | undefined;
  /** Characters of text, reasoning and tool-call arguments that passed (for calls cut short). */
  readonly outputCharacters: number;
  /** What the stream threw (`failed` only). */
  readonly error: unknown;
}

/**
 * Passes a stream through unchanged and calls `onEnd` exactly once: at its `finish` chunk (the
 * chunk is handed on once what `onEnd` returned settled), when it throws (likewise, before the
 * error is), or when its reader stops early (`return()`, not waiting for `onEnd`). Never buffers. Hand-written rather than an async generator: `return()` must reach the hub stream at
 * once, even while a `next()` is pending, so that a client that leaves closes the upstream.
 */
export function observeStream(
  stream: AsyncIterable<StreamChunk>,
  onEnd: (ending: StreamEnding) => void | Promise<void>,
): AsyncIterable<StreamChunk> {
  return {
    [Symbol.asyncIterator]() {
      const upstream = stream[Symbol.asyncIterator]();
      let ended = false;
      let usage: Usage | undefined;
      let outputCharacters = 0;
      const end = (
        kind: StreamEnding['kind'],
        finish: FinishChunk | undefined,
        error: unknown,
      ): void | Promise<void> => {
        if (ended) return;
        ended = true;
        return onEnd({ kind, finish, usage: finish?.usage ?? usage, outputCharacters, error });
      };
      return {
        async next() {
          let step: IteratorResult<StreamChunk>;
          try {
            step = await upstream.next();
          } catch (error) {
            await end('failed', undefined, error);
            throw error;
          }
          if (step.done === true) {
            // a hub stream always ends with `finish` or throws; anything else ended early
            await end('closed', undefined, undefined);
            return step;
          }
          const chunk = step.value;
          switch (chunk.type) {
            case 'text-delta':
            case 'reasoning-delta':
              outputCharacters += chunk.text.length;
              break;
            case 'tool-call-delta':
              outputCharacters += chunk.argumentsDelta.length + (chunk.name?.length ?? 0);
              break;
            case 'usage':
              usage = chunk.usage;
              break;
            case 'finish':
              await end('finished', chunk, undefined);
              break;
          }
          return step;
        },
        async return(value?: unknown) {
          // the reader is gone: nothing waits for what `onEnd` returns
          void end('closed', undefined, undefined);
          const closed = await upstream.return?.(value);
          return closed ?? { done: true, value: undefined };
        },
      };
    },
  };
}
