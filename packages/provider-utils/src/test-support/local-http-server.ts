import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the local server received it. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A loopback HTTP server for tests, answering with a scripted handler. */
export interface LocalHttpServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request received, in order, with its body fully read. */
  readonly requests: ReceivedRequest[];
  /** Resolves when the `index`-th request (0-based) has arrived, its body read. */
  requestArrived(index: number): Promise<ReceivedRequest>;
  /**
   * Resolves when the socket of the `index`-th request (0-based) closes, waiting for that request
   * to arrive first: an event, never a fixed time, so a slow machine only makes it later.
   */
  socketClosed(index: number): Promise<void>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => unknown;

/** Starts a server on 127.0.0.1, port 0, reading each request body before calling `handler`. */
export async function startLocalHttpServer(handler: Handler): Promise<LocalHttpServer> {
  const requests: ReceivedRequest[] = [];
  const closed: Promise<void>[] = [];
  // one waiter per request index, created by whichever comes first: the wait or the request
  const arrivals: { promise: Promise<ReceivedRequest>; resolve: (request: ReceivedRequest) => void }[] = [];
  const arrival = (index: number) => {
    let entry = arrivals[index];
    if (entry === undefined) {
      let resolve!: (request: ReceivedRequest) => void;
      const promise = new Promise<ReceivedRequest>((done) => {
        resolve = done;
      });
      entry = { promise, resolve };
      arrivals[index] = entry;
    }
    return entry;
  };
  const server = createServer((request, response) => {
    const socket = request.socket;
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const received = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      };
      closed.push(socketClosed);
      requests.push(received);
      arrival(requests.length - 1).resolve(received);
      void handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestArrived: (index) => arrival(index).promise,
    async socketClosed(index) {
      await arrival(index).promise;
      await closed[index];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Collects an async iterable of byte chunks into one UTF-8 string. */
export async function collectText(body: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Yields the bytes of `text` in slices of `size` bytes (1 = every byte separately). */
export async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}
