import type { ConnectorError } from '@hub/core';
import type { Dispatcher } from 'undici';
import type { CallDeadline } from './call-deadline.js';
import type { HttpFailure } from './http-failure.js';

/** HTTP methods the client sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** Settings of one `HttpClient`, fixed when `createHttpClient` runs. */
export interface HttpClientOptions {
  /**
   * Absolute `http:` or `https:` URL every request path is appended to, such as
   * `https://api.openai.com/v1`. A query string on it (Azure's `?api-version=…`) is added to
   * every request.
   */
  readonly baseUrl: string;
  /** The provider this client talks to; set as `providerId` on every error it throws. */
  readonly providerId: string;
  /**
   * Headers sent with every request, typically authentication. Names are case-insensitive;
   * values of credential headers are also masked out of every error message.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The undici dispatcher (`Agent`, `Pool`, `ProxyAgent`, a `MockAgent` in tests) to send
   * through. The client never closes a dispatcher it was given. Default: an own `Agent` with
   * keep-alive, `connections` sockets per origin and no pipelining.
   */
  readonly dispatcher?: Dispatcher;
  /** Most sockets per origin of the default `Agent`; ignored with `dispatcher`. Default 128. */
  readonly connections?: number;
  /**
   * Default deadline in milliseconds for a whole exchange: connecting, sending, the response
   * headers and the entire body (also a stream's). `0` or absent means none. A request may
   * override it with its own `timeoutMs`.
   */
  readonly timeoutMs?: number;
  /**
   * Default most milliseconds from sending the request to receiving the response headers; a
   * request may override it. `0` disables it. Default: undici's `headersTimeout` of 300 000 ms (a
   * low-resolution timer). Connecting is bounded separately by undici's 10 s connect timeout.
   */
  readonly firstByteTimeoutMs?: number;
  /**
   * Default most milliseconds a read of the response body may wait for the next chunk, so a
   * stalled body or stream fails instead of hanging; a request may override it. Time the consumer
   * spends not reading does not count. `0` disables it. Default: undici's `bodyTimeout` of
   * 300 000 ms.
   */
  readonly idleTimeoutMs?: number;
  /**
   * Turns a non-2xx response into the error to throw. Default: `errorFromStatus` with this
   * client's `providerId`. Whatever it returns is checked for this client's credentials, which
   * are masked before the error is thrown.
   */
  readonly mapError?: (failure: HttpFailure) => ConnectorError;
  /** Most bytes of a non-2xx body read into `HttpFailure.bodyText`. Default 65 536. */
  readonly maxErrorBodyBytes?: number;
}

/** One request. */
export interface HttpRequestOptions {
  readonly method: HttpMethod;
  /** Path relative to `baseUrl`, optionally with a query string (`/chat/completions?x=1`). */
  readonly path: string;
  /** Sent as JSON (`content-type: application/json`) when not `undefined`. */
  readonly body?: unknown;
  /**
   * Bytes sent as they are, instead of `body` (for signed requests, which must send exactly the
   * bytes they signed, serialized once). The JSON content type still applies unless `headers`
   * override it.
   */
  readonly rawBody?: string | Uint8Array;
  /** Extra headers for this request; they override the client's defaults of the same name. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Aborting it closes the connection and rejects with a `cancelled` error (or passes the abort
   * reason through when it is a `ConnectorError`, or gives `timeout` when it is a
   * `TimeoutError`), also while a stream body is being read.
   */
  readonly signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this request; `0` means none. */
  readonly timeoutMs?: number;
  /** Overrides the client's `firstByteTimeoutMs` for this request; `0` means none. */
  readonly firstByteTimeoutMs?: number;
  /** Overrides the client's `idleTimeoutMs` for this request; `0` means none. */
  readonly idleTimeoutMs?: number;
  /**
   * The deadline of the whole call this request belongs to, already running (started before
   * fetching credentials, shared by retries; see `callRequestOptions`). When given, it replaces
   * `signal`, `timeoutMs`, `firstByteTimeoutMs` and `idleTimeoutMs` of this request and of the
   * client: the request follows its signal, arms its first-byte limit when sent and its idle limit
   * while the body is read. Its owner disposes it; the client never does.
   */
  readonly deadline?: CallDeadline;
}

/** A successful JSON response. */
export interface HttpJsonResponse<T> {
  readonly status: number;
  /** Response headers with lowercase names; repeated headers are joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed body; `undefined` when the body was empty (204, HEAD). */
  readonly body: T;
}

/** A successful streaming response, resolved as soon as its headers arrived. */
export interface HttpStreamResponse {
  readonly status: number;
  /** Response headers with lowercase names; repeated headers are joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The body's chunks, readable once. Iterating to the end releases the connection for reuse;
   * stopping early (`break`, `return()`) closes it. A body that is never iterated holds its
   * connection until a deadline passes, so call `return()` on its iterator when discarding it.
   * Errors are `ConnectorError`s: `timeout` (whole, idle), `cancelled`, `network`.
   */
  readonly body: AsyncIterable<Uint8Array>;
}

/**
 * An HTTP client bound to one provider's base URL, built on undici's dispatcher API. Every
 * error it throws is a `ConnectorError` carrying the client's `providerId`.
 */
export interface HttpClient {
  /**
   * Sends a request and parses the JSON response.
   *
   * @throws ConnectorError from `mapError` for a non-2xx status; `parse` when a 2xx body is not
   *   JSON; `timeout`, `cancelled` or `network` when the exchange fails.
   */
  requestJson<T = unknown>(options: HttpRequestOptions): Promise<HttpJsonResponse<T>>;
  /**
   * Sends a request and resolves once the response headers arrived, with the body as a stream
   * of chunks (decode it with `decodeSse` or `decodeJsonLines`).
   *
   * @throws ConnectorError from `mapError` for a non-2xx status (its body read up to
   *   `maxErrorBodyBytes`); `timeout`, `cancelled` or `network` when the exchange fails.
   */
  requestStream(options: HttpRequestOptions): Promise<HttpStreamResponse>;
  /**
   * Closes the client's own dispatcher, letting in-flight requests finish first; a dispatcher
   * passed in `options.dispatcher` is left open. Later requests fail with `cancelled`.
   * Idempotent.
   */
  close(): Promise<void>;
}
