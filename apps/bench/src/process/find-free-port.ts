import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, for servers that must be told their port up front
 * (the gateways take it from their configuration or command line).
 *
 * @returns The port.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
