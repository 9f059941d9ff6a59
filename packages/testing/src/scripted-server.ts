import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the scripted server received. */
export interface RecordedRequest {
  readonly method: string;
  /** Path with query string. */
  readonly url: string;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The body parsed as JSON (throws if it is not JSON). */
  json<T = unknown>(): T;
}

/** A scripted answer. */
export type ScriptedReply =
  /** A complete response; an object body is sent as JSON. */
  | {
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string | object;
      readonly delayMs?: number;
    }
  /**
   * A streamed response: each string of `frames` is written as is (write SSE framing yourself,
   * `data: {...}\n\n`), `frameDelayMs` apart. `ending` says how it ends: `end` (default) closes
   * normally, `hang` keeps the connection open until the client goes away, `destroy` resets the
   * socket mid-stream.
   */
  | {
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly frames: readonly (string | Uint8Array)[];
      readonly frameDelayMs?: number;
      readonly ending?: 'end' | 'hang' | 'destroy';
    }
  /** Full control. */
  | ((request: RecordedRequest, response: ServerResponse) => void | Promise<void>);

/** A local HTTP server answering from a queue of scripted replies, recording every request. */
export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Appends replies; each request takes the next one. */
  enqueue(...replies: ScriptedReply[]): void;
  /**
   * Answers every `method` request whose path starts with `pathPrefix` with `reply`, before the
   * queue is consulted (for side requests such as a provider's model list).
   */
  route(method: string, pathPrefix: string, reply: ScriptedReply): void;
  /** The reply used when the queue is empty (default: 500 with a JSON error). */
  setFallback(reply: ScriptedReply): void;
  /** Resolves when a client connection closed before its response finished (an abort). */
  nextClientAbort(): Promise<void>;
  /** Number of client connections closed before their response finished. */
  readonly clientAborts: number;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a scripted server on 127.0.0.1 with a free port. */
export async function createScriptedServer(): Promise<ScriptedServer> {
  const queue: ScriptedReply[] = [];
  const routes: { method: string; pathPrefix: string; reply: ScriptedReply }[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let fallback: ScriptedReply = {
    status: 500,
    body: { error: { message: 'scripted server: no reply queued' } },
  };
  let clientAborts = 0;
  let abortWaiters: Array<() => void> = [];

  const server: Server = createServer(async (incoming: IncomingMessage, response: ServerResponse) => {
    // listening before the body is read: a client that gives up while it is still being read
    // (a short timeout on a loaded machine) must count as an abort too
    let finished = false;
    response.on('finish', () => {
      finished = true;
    });
    response.on('close', () => {
      if (finished) return;
      clientAborts++;
      const waiting = abortWaiters;
      abortWaiters = [];
      for (const resolve of waiting) resolve();
    });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
    } catch {
      return; // the client went away mid-body; counted by the close listener above
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const recorded: RecordedRequest = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers,
      body,
      json: <T>() => JSON.parse(body) as T,
    };
    requests.push(recorded);
    const routed = routes.find(
      (entry) => entry.method === recorded.method && recorded.url.startsWith(entry.pathPrefix),
    );
    const reply = routed?.reply ?? queue.shift() ?? fallback;
    try {
      await answer(reply, recorded, response);
    } catch {
      response.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    route: (method, pathPrefix, reply) => {
      routes.push({ method: method.toUpperCase(), pathPrefix, reply });
    },
    setFallback: (reply) => {
      fallback = reply;
    },
    nextClientAbort: () => new Promise((resolve) => abortWaiters.push(resolve)),
    get clientAborts() {
      return clientAborts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function answer(
  reply: ScriptedReply,
  request: RecordedRequest,
  response: ServerResponse,
): Promise<void> {
  if (typeof reply === 'function') {
    await reply(request, response);
    return;
  }
  if ('frames' in reply) {
    response.writeHead(reply.status ?? 200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      ...reply.headers,
    });
    response.flushHeaders();
    for (const frame of reply.frames) {
      if (response.destroyed) return;
      if (reply.frameDelayMs !== undefined) await sleep(reply.frameDelayMs);
      response.write(frame);
    }
    if (reply.ending === 'hang') return;
    if (reply.ending === 'destroy') {
      await sleep(5);
      response.socket?.destroy();
      return;
    }
    response.end();
    return;
  }
  if (reply.delayMs !== undefined) await sleep(reply.delayMs);
  const body =
    reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const contentType = typeof reply.body === 'object' ? { 'content-type': 'application/json' } : {};
  response.writeHead(reply.status ?? 200, { ...contentType, ...reply.headers });
  response.end(body);
}
