import { createConnection, createServer, type Socket } from 'node:net';

/** A proxy in front of the database that a test can cut (connections reset, new ones refused) and restore. */
export interface TcpProxy {
  readonly port: number;
  interrupt(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * Starts a TCP proxy on 127.0.0.1 (port 0) to `host:port`, so one gateway can lose its database
 * without touching the server other test files use. (The store package has its own copy in its
 * test support; both belong in `@hub/testing`.)
 */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let cut = false;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    if (cut) {
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
  const interrupt = (): void => {
    cut = true;
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    interrupt,
    restore: () => {
      cut = false;
    },
    close: async () => {
      interrupt();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
