import { connect } from 'node:net';

/**
 * Whether a TCP connection to the Redis at `url` opens within a second, so the Redis scenarios
 * can be reported as n/a instead of failing on a machine without Redis.
 *
 * @param url - `redis://host:port` (port 6379 when absent).
 * @returns True when it accepted a connection.
 */
export function isRedisReachable(url: string): Promise<boolean> {
  let host: string;
  let port: number;
  try {
    const parsed = new URL(url);
    host = parsed.hostname;
    port = Number(parsed.port || 6379);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
