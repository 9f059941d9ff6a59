import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildEmbeddingsBody } from './build-embeddings-body.js';
import {
  buildFakeUpstreamFrames,
  type FakeUpstreamFrames,
  type FakeUpstreamFramesOptions,
} from './fake-upstream-frames.js';
import { writeEventsOneByOne } from './write-events-one-by-one.js';

/** Requests the fake upstream answered, by kind. */
export interface FakeUpstreamCounts {
  readonly completions: number;
  readonly streams: number;
  readonly embeddings: number;
  /** Streams waiting for a release right now. */
  readonly held: number;
}

/** A running fake upstream. */
export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`; OpenAI clients take `${origin}/v1` as base URL. */
  readonly origin: string;
  readonly frames: FakeUpstreamFrames;
  counts(): FakeUpstreamCounts;
  /** Sends the rest of every held stream and ends it; returns how many were released. */
  release(): number;
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

/** Path prefix that makes a streamed answer wait after its first content chunk. */
export const HOLD_PREFIX = '/hold';
/**
 * Path prefix that writes a streamed answer one SSE event per write (as real upstreams flush each
 * token) instead of the whole stream in one write.
 */
export const PER_EVENT_PREFIX = '/per-event';
/** Control endpoints, under a prefix no OpenAI path uses. */
export const CONTROL_RELEASE_PATH = '/__bench/release';
export const CONTROL_COUNTS_PATH = '/__bench/counts';

// what OpenAI sends with every answer; clients that parse rate-limit headers pay for it as they would in production
const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'openai-processing-ms': '120',
  'openai-version': '2020-10-01',
  'x-request-id': 'req_bench00000000000000000000000000',
  'x-ratelimit-limit-requests': '30000',
  'x-ratelimit-limit-tokens': '150000000',
  'x-ratelimit-remaining-requests': '29999',
  'x-ratelimit-remaining-tokens': '149999990',
  'x-ratelimit-reset-requests': '2ms',
  'x-ratelimit-reset-tokens': '0s',
};

// `"stream": true` as any JSON serializer writes it; a full parse would cost the upstream for nothing
const STREAM_FLAG = /"stream"\s*:\s*true/;

const openAIError = (message: string): unknown => ({
  error: { message, type: 'invalid_request_error', param: null, code: null },
});

/**
 * Starts a fast OpenAI-compatible server on 127.0.0.1 (port 0 unless given) answering
 * `POST …/chat/completions` and `POST …/embeddings` (float or base64, any count and dimensions up
 * to OpenAI's caps) from precomputed bytes: a `chat.completion`, or — when the body asks
 * for `"stream": true` — the whole SSE stream in one write (chunked transfer encoding, as OpenAI
 * sends it); paths under `/per-event` write it one event per write instead. Paths under `/hold` send a stream's role chunk and first content chunk, then wait
 * until `POST /__bench/release` (or `release()`), for measuring many open streams. `GET …/models`
 * lists the model; `GET /__bench/counts` reports what was served.
 *
 * Meant to run in its own process, so a client under test is measured alone.
 *
 * @param options - Frames (`chunks`, `model`, `content`) and `port`.
 * @returns The running server.
 */
export async function createFakeUpstream(
  options: FakeUpstreamFramesOptions & { readonly port?: number } = {},
): Promise<FakeUpstream> {
  const frames = buildFakeUpstreamFrames(options);
  const streamBody = Buffer.concat(frames.streamEvents);
  const heldHead = Buffer.concat(frames.streamEvents.slice(0, frames.heldPrefix));
  const heldTail = Buffer.concat(frames.streamEvents.slice(frames.heldPrefix));
  const completionHeaders = {
    ...COMMON_HEADERS,
    'content-type': 'application/json',
    'content-length': String(frames.completion.length),
  };
  const streamHeaders = {
    ...COMMON_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'transfer-encoding': 'chunked',
  };
  const held = new Set<ServerResponse>();
  let completions = 0;
  let streams = 0;
  let embeddings = 0;
  // answers by "count:dimensions:encoding"; bounded because the key comes from request bodies
  const embeddingBodies = new Map<string, Buffer>();
  const EMBEDDING_BODIES_MAX = 16;
  const MAX_EMBEDDING_INPUTS = 2048;
  const MAX_EMBEDDING_DIMENSIONS = 3072;

  const answerEmbeddings = (response: ServerResponse, body: string): void => {
    let request: { input?: unknown; dimensions?: unknown; encoding_format?: unknown; model?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      sendJson(response, 400, openAIError('We could not parse the JSON body of your request.'));
      return;
    }
    const count = Array.isArray(request.input)
      ? request.input.length
      : typeof request.input === 'string'
        ? 1
        : 0;
    const dimensions = request.dimensions === undefined ? 1536 : Number(request.dimensions);
    const encoding = request.encoding_format === 'base64' ? 'base64' : 'float';
    if (
      count < 1 ||
      count > MAX_EMBEDDING_INPUTS ||
      !Number.isInteger(dimensions) ||
      dimensions < 1 ||
      dimensions > MAX_EMBEDDING_DIMENSIONS
    ) {
      sendJson(response, 400, openAIError("Invalid 'input' or 'dimensions'."));
      return;
    }
    const key = `${count}:${dimensions}:${encoding}`;
    let bytes = embeddingBodies.get(key);
    if (bytes === undefined) {
      const model = typeof request.model === 'string' ? request.model : 'text-embedding-3-small';
      bytes = buildEmbeddingsBody({ count, dimensions, encoding, model, promptTokens: count * 8 });
      if (embeddingBodies.size >= EMBEDDING_BODIES_MAX) embeddingBodies.clear();
      embeddingBodies.set(key, bytes);
    }
    embeddings++;
    response.writeHead(200, {
      ...COMMON_HEADERS,
      'content-type': 'application/json',
      'content-length': bytes.length,
    });
    response.end(bytes);
  };

  const release = (): number => {
    const count = held.size;
    for (const response of held) response.end(heldTail);
    held.clear();
    return count;
  };

  const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
    const bytes = Buffer.from(JSON.stringify(body));
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
    response.end(bytes);
  };

  const answer = (request: IncomingMessage, response: ServerResponse, body: string): void => {
    const path = request.url ?? '/';
    if (request.method === 'POST' && path.endsWith('/chat/completions')) {
      if (!STREAM_FLAG.test(body)) {
        completions++;
        response.writeHead(200, completionHeaders);
        response.end(frames.completion);
        return;
      }
      streams++;
      response.writeHead(200, streamHeaders);
      if (path.startsWith(`${PER_EVENT_PREFIX}/`)) {
        writeEventsOneByOne(response, frames.streamEvents);
        return;
      }
      if (!path.startsWith(`${HOLD_PREFIX}/`)) {
        response.end(streamBody);
        return;
      }
      response.write(heldHead);
      held.add(response);
      response.once('close', () => held.delete(response));
      return;
    }
    if (request.method === 'POST' && path.endsWith('/embeddings')) {
      answerEmbeddings(response, body);
      return;
    }
    if (request.method === 'GET' && path.endsWith('/models')) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': frames.models.length });
      response.end(frames.models);
      return;
    }
    if (request.method === 'POST' && path === CONTROL_RELEASE_PATH) {
      sendJson(response, 200, { released: release() });
      return;
    }
    if (request.method === 'GET' && path === CONTROL_COUNTS_PATH) {
      sendJson(response, 200, { completions, streams, embeddings, held: held.size });
      return;
    }
    sendJson(response, 404, openAIError(`Unknown path ${path}`));
  };

  const server = createServer({ keepAliveTimeout: 120_000, requestTimeout: 0 }, (request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (piece: string) => {
      body += piece;
    });
    request.on('end', () => answer(request, response, body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // a deep backlog: the scale scenario opens thousands of connections at once
    server.listen({ host: '127.0.0.1', port: options.port ?? 0, backlog: 4096 }, resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    frames,
    counts: () => ({ completions, streams, embeddings, held: held.size }),
    release,
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
