import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy to a Redis that a test can take down and bring back. */
export interface SwitchableProxy {
  /** The Redis URL through the proxy (credentials and database of the target kept). */
  readonly url: string;
  /**
   * Cuts every open connection and closes each new one at once, as a Redis that went away does:
   * clients see their socket closed and their reconnects fail.
   */
  takeDown(): void;
  /** Forwards connections to Redis again. */
  bringBack(): void;
  /** Connections accepted so far, refused ones included. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1, port 0, forwarding to `targetUrl`. */
export async function startSwitchableProxy(targetUrl: string): Promise<SwitchableProxy> {
  const target = new URL(targetUrl);
  const pairs = new Set<readonly [Socket, Socket]>();
  let down = false;
  let accepted = 0;
  const server = createServer((downstream) => {
    accepted++;
    downstream.on('error', () => {});
    if (down) {
      downstream.destroy();
      return;
    }
    const upstream = connect(Number(target.port || 6379), target.hostname);
    const pair = [downstream, upstream] as const;
    pairs.add(pair);
    upstream.on('error', () => {});
    for (const socket of pair) {
      socket.on('close', () => {
        pairs.delete(pair);
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy is not listening on TCP');
  const cut = (): void => {
    for (const [downstream, upstream] of pairs) {
      downstream.destroy();
      upstream.destroy();
    }
  };
  const credentials = target.username || target.password ? `${target.username}:${target.password}@` : '';
  return {
    url: `redis://${credentials}127.0.0.1:${address.port}${target.pathname}`,
    takeDown() {
      down = true;
      cut();
    },
    bringBack() {
      down = false;
    },
    connections: () => accepted,
    async close() {
      down = true;
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
