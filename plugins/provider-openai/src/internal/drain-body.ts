// how long the consumer waits for the body to end after the answer's end before the rest is read
// in the background
const DRAIN_GRACE_MS = 100;

// A body read to its end returns the connection to the pool; a destroyed one costs a new
// connection for the next request. So after the end marker the rest is read, not discarded, still
// under the call's deadline (a server that never ends the body has its socket closed by it),
// which is disposed only then.
export async function drain(
  source: AsyncIterator<unknown>,
  deadline: { dispose(): void } | undefined,
): Promise<void> {
  try {
    while ((await source.next()).done !== true) {
      // anything after the end marker carries no meaning
    }
  } catch {
    // the answer was complete; a connection that breaks afterwards loses nothing
  } finally {
    deadline?.dispose();
  }
}

// Waits briefly for the end of the body so that a caller's next request finds the connection
// free; a server that keeps the body open after the end marker does not hold the caller up longer.
export async function drainWithGrace(
  source: AsyncIterator<unknown>,
  deadline: { dispose(): void } | undefined,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, DRAIN_GRACE_MS);
  });
  try {
    await Promise.race([drain(source, deadline), grace]);
  } finally {
    clearTimeout(timer);
  }
}
