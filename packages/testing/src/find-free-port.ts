import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago (the system handed it out for port 0 and it
 * was released): for a child process that must be told its port, or a URL nothing listens on.
 * Prefer listening on port 0 yourself wherever the server is in-process.
 */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (typeof address !== 'object' || address === null)
    throw new Error('The port-0 server has no TCP address.');
  return address.port;
}
