/**
 * Whether the limiter can reach Redis: `down` from the moment Redis is found unreachable
 * (connection refused or closed, client not ready) until it answers again. A slow Redis stays
 * `up`: it answers, only late.
 */
export type RedisConnectionState = 'up' | 'down';
