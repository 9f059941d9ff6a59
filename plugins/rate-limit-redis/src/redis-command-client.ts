/**
 * The part of a node-redis v5 client (`createClient()` from `redis` or `@redis/client`) the
 * limiter uses. A client you pass must be connected; the limiter never connects or closes it.
 */
export interface RedisCommandClient {
  /** True while the client is connected and ready for commands. */
  readonly isReady: boolean;
  /** Sends one raw command, e.g. `['EVALSHA', sha, '1', key, ...]`. */
  sendCommand<T = unknown>(
    args: readonly string[],
    options?: { readonly abortSignal?: AbortSignal; readonly timeout?: number },
  ): Promise<T>;
}
