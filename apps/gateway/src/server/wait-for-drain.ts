/**
 * Resolves when `raw` can take more bytes, or when `signal` aborts (the client left, so waiting
 * for a drain that never comes would hang the stream).
 */
export function waitForDrain(raw: NodeJS.WritableStream, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      raw.removeListener('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    raw.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
