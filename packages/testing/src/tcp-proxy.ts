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
    client.pipe(upstream);
    upstream.pipe(client);
    const close = (): void => {
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
