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
  /** Resolves when the socket of the `index`-th request (0-based) closes. */
  socketClosed(index: number): Promise<void>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => unknown;

/** Starts a server on 127.0.0.1, port 0, reading each request body before calling `handler`. */
export async function startLocalHttpServer(handler: Handler): Promise<LocalHttpServer> {
  const requests: ReceivedRequest[] = [];
  const closed: Promise<void>[] = [];
  const server = createServer((request, response) => {
    const socket = request.socket;
    closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      void handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    socketClosed(index) {
      const promise = closed[index];
      if (promise === undefined) throw new Error(`no request #${index} yet`);
      return promise;
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
