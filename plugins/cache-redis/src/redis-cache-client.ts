/**
 * The part of a node-redis client (`createClient()` of `redis` or `@redis/client`, v5) the Redis
 * cache uses. Every command goes through `sendCommand`, so clients with modules or a custom type
 * mapping fit as they are.
 */
export interface RedisCacheClient {
  /**
   * Sends one command (`['GET', key]`) and resolves its reply. `abortSignal` drops the command
   * when it has not been written to the socket yet.
   */
  sendCommand(command: readonly string[], options?: { readonly abortSignal?: AbortSignal }): Promise<unknown>;
}
