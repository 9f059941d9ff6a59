/** The part of a node-redis client `closeRedisClient` uses. */
export interface ClosableRedisClient {
  readonly isOpen: boolean;
  close(): Promise<unknown>;
  destroy(): void;
}

/**
 * Ends a client's connection: gracefully within `graceMs` (replies already asked for still
 * arrive), then by force, so closing never waits longer than `graceMs` on a Redis that stopped
 * answering. Never rejects; a client already closed is left alone.
 */
export async function closeRedisClient(client: ClosableRedisClient, graceMs: number): Promise<void> {
  if (!client.isOpen) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      client.close(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
  } catch {
    // closing a broken connection fails; destroying it below is all that is left to do
  } finally {
    clearTimeout(timer);
  }
  destroyRedisClient(client);
}

/** Closes a client's socket at once, if it is still open. */
export function destroyRedisClient(client: ClosableRedisClient): void {
  if (!client.isOpen) return;
  try {
    client.destroy();
  } catch {
    // already closed between the check and the call
  }
}
