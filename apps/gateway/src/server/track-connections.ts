import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The gateway's open client connections, for a shutdown that waits on requests, not on sockets. */
export interface ConnectionTracker {
  /**
   * Starts the shutdown: every connection without a request in flight is ended now, and every
   * other one as soon as its response is done, so `server.close()` waits for in-flight requests
   * and streams only, never for a client's idle keep-alive socket.
   */
  releaseAll(): void;
}

/**
 * Tracks `server`'s sockets and which of them have a request in flight. Node's own
 * `closeIdleConnections` misses connections whose response was written through a hijacked reply
 * (SSE), which would hold `close()` until the client's keep-alive timeout.
 */
export function trackConnections(server: Server): ConnectionTracker {
  // bounded by the open connections: each entry leaves when its socket closes
  const sockets = new Set<Socket>();
  const busy = new Set<Socket>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      busy.delete(socket);
    });
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    busy.add(socket);
    const done = (): void => {
      busy.delete(socket);
      if (closing) socket.destroySoon();
    };
    response.once('finish', done);
    response.once('close', done);
  });
  return {
    releaseAll() {
      closing = true;
      for (const socket of sockets) if (!busy.has(socket)) socket.destroySoon();
    },
  };
}
