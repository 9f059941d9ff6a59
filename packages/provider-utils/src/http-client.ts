import type { ConnectorError } from '@hub/core';
import type { Dispatcher } from 'undici';
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
   * Deadline in milliseconds for a whole exchange: connecting, sending, the response headers and
   * the entire body (also a stream's). `0` or absent means none. Long streams are usually better
   * bounded with `idleTimeoutMs`; a request may override this with its own `timeoutMs`.
   */
  readonly timeoutMs?: number;
  /**
   * Most milliseconds from sending the request to receiving the response headers (undici's
   * `headersTimeout`; low-resolution timer, may fire up to ~0.5 s late). `0` disables it.
   * Default: undici's 300 000. Connecting is bounded separately by undici's 10 s connect timeout.
   */
  readonly firstByteTimeoutMs?: number;
  /**
   * Most milliseconds between two chunks of a response body (undici's `bodyTimeout`), so a
   * stalled stream fails instead of hanging. Time the consumer spends not reading does not
   * count. `0` disables it. Default: undici's 300 000.
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
   * connection until `idleTimeoutMs`, so call `return()` on its iterator when discarding it.
   * Errors are `ConnectorError`s: `timeout` (idle or deadline), `cancelled`, `network`.
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
