import type { StreamChunk } from '@hub/core';

const isContent = (chunk: StreamChunk): boolean =>
  chunk.type === 'text-delta' || chunk.type === 'tool-call-delta' || chunk.type === 'reasoning-delta';

/**
 * Passes `stream` through unchanged, calling `onFirstContent` once, when the first text, tool-call
 * or reasoning chunk passes. Delegates `return()` and `throw()` so a caller who stops iterating
 * still closes the upstream connection; buffers nothing.
 */
export function observeFirstContent(
  stream: AsyncIterable<StreamChunk>,
  onFirstContent: () => void,
): AsyncIterable<StreamChunk> {
  return {
    [Symbol.asyncIterator]() {
      const upstream = stream[Symbol.asyncIterator]();
      let seen = false;
      const iterator: AsyncIterator<StreamChunk> = {
        next() {
          // once content passed, hand out the upstream promise itself: no extra promise per chunk
          if (seen) return upstream.next();
          return upstream.next().then((step) => {
            if (!seen && step.done !== true && isContent(step.value)) {
              seen = true;
              onFirstContent();
            }
            return step;
          });
        },
        return(value?: unknown) {
          return upstream.return === undefined
            ? Promise.resolve({ done: true, value: undefined })
            : upstream.return(value);
        },
      };
      if (upstream.throw !== undefined) {
        const forwardThrow = upstream.throw.bind(upstream);
        iterator.throw = (error?: unknown) => forwardThrow(error);
      }
      return iterator;
    },
  };
}
