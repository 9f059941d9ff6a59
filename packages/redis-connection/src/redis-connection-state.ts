/**
 * Whether Redis can be reached: `down` from the moment it is found unreachable (connection
 * refused or lost, connection attempt failed) until it answers again. A slow Redis stays `up`:
 * it answers, only late.
 */
export type RedisConnectionState = 'up' | 'down';
