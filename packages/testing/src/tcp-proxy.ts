import { createConnection, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of a server (Redis, PostgreSQL) that a test can cut off and restore. */
export interface TcpProxy {
  /** The port on 127.0.0.1 clients connect to. */
  readonly port: number;
  /**
   * `targetUrl` pointed at the proxy: host and port replaced, scheme, credentials, path (a Redis
   * database, a PostgreSQL database name) and query kept.
   */
  urlFor(targetUrl: string): string;
  /**
   * Resets every open connection and closes each new one at once, as a server that went away
   * does: clients see their socket closed and their reconnects fail.
   */
  interrupt(): void;
  /**
   * Keeps every connection open but forwards nothing more in either direction, as a server
   * behind a network partition: requests in flight hang until the client's own deadline.
   * `interrupt` or `close` ends the frozen connections.
   */
  freeze(): void;
  /** Forwards new connections again. */
  restore(): void;
  /** Connections accepted so far, refused ones included. */
  connections(): number;
  /** Resets every connection and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a TCP proxy on 127.0.0.1 (port 0) to `host:port`, so one client under test can lose its
 * server without touching the server other test files use.
 */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<readonly [Socket, Socket]>();
  let cut = false;
  let accepted = 0;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    accepted++;
    if (cut) {
      client.on('error', () => {});
      client.destroy();
      return;
    }
    const upstream = createConnection({ host, port });
    track(client);
    track(upstream);
    const pair = [client, upstream] as const;
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const close = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', close);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The proxy is not listening on TCP.');
  const interrupt = (): void => {
    cut = true;
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: address.port,
    urlFor(targetUrl) {
      const url = new URL(targetUrl);
      url.hostname = '127.0.0.1';
      url.port = String(address.port);
      return url.toString();
    },
    interrupt,
    freeze: () => {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    restore: () => {
      cut = false;
    },
    connections: () => accepted,
    close: async () => {
      interrupt();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
