import {
  abortError,
  type CallOptions,
  ConnectorError,
  type ErrorCode,
  maskSecrets,
  toConnectorError,
} from '@hub/core';
import {
  type CallDefaults,
  type CallRequestOptions,
  callRequestOptions,
  createHttpClient,
  type HttpClientOptions,
  type HttpJsonResponse,
  type HttpRequestOptions,
  type HttpStreamResponse,
  redactErrorSecrets,
  untilAborted,
} from '@hub/provider-utils';
import { mapOpenAIError } from './map-openai-error.js';

type Headers = Readonly<Record<string, string>>;
type MutableRequest = { -readonly [Key in keyof HttpRequestOptions]: HttpRequestOptions[Key] };

/** How `createOpenAITransport` reaches one OpenAI-style server. */
export interface OpenAITransportOptions {
  readonly providerId: string;
  /** Absolute base URL every path is appended to; a query string on it goes with every request. */
  readonly baseUrl: string;
  /** Headers of every request (authentication); their credential values are masked out of errors. */
  readonly headers?: Headers | undefined;
  /**
   * Headers computed before every request, for credentials that expire (Entra ID tokens). Gets
   * the call's signal; its values are masked out of errors too.
   */
  readonly authenticate?: ((signal: AbortSignal | undefined) => Promise<Headers>) | undefined;
  /** The undici dispatcher; default an own keep-alive `Agent`. */
  readonly dispatcher?: HttpClientOptions['dispatcher'] | undefined;
  /** The provider's default deadlines and its request id header. */
  readonly callDefaults: CallDefaults;
  /** Statuses the server documents differently from the shared table (`OPENAI_STATUS_OVERRIDES`). */
  readonly statusOverrides?: Readonly<Partial<Record<number, ErrorCode>>> | undefined;
}

/**
 * The HTTP side every OpenAI-style call shares (Chat Completions, Responses, embeddings, token
 * counts, the model list): one client, authentication, the call's deadlines and headers, and
 * OpenAI's error mapping.
 */
export interface OpenAITransport {
  readonly providerId: string;
  /**
   * Starts a call: its deadline (running from now, covering credentials and every request of the
   * call) and its extra headers. The caller disposes `deadline` when the call ends.
   */
  start(callOptions: CallOptions): CallRequestOptions;
  /** Sends one JSON request within a started call and parses the answer. */
  requestJson<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    call: CallRequestOptions,
  ): Promise<HttpJsonResponse<T>>;
  /** Sends one request within a started call and resolves with the streaming body once headers arrived. */
  requestStream(path: string, body: unknown, call: CallRequestOptions): Promise<HttpStreamResponse>;
  /** A whole call of one JSON request: start, request, dispose. */
  callJson<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    callOptions: CallOptions,
  ): Promise<HttpJsonResponse<T>>;
  /** Releases the client's connections. */
  close(): Promise<void>;
}

// `Bearer <token>`: the token alone may be echoed too
function credentialValues(headers: Headers): string[] {
  const values: string[] = [];
  for (const value of Object.values(headers)) {
    values.push(value);
    const space = value.indexOf(' ');
    if (space !== -1) values.push(value.slice(space + 1));
  }
  return values;
}

/**
 * Creates the transport of one OpenAI-style provider. Non-2xx answers become `ConnectorError`s
 * through `mapOpenAIError`; a failing `authenticate` becomes `authentication` (its own abort or
 * deadline stays `cancelled` / `timeout`); credentials fetched per call are masked out of every
 * error, like the configured ones.
 *
 * @throws ConfigError naming the invalid option (`baseUrl`, `providerId`).
 */
export function createOpenAITransport(options: OpenAITransportOptions): OpenAITransport {
  const { providerId, authenticate, callDefaults, statusOverrides } = options;
  const client = createHttpClient({
    providerId,
    baseUrl: options.baseUrl,
    ...(options.headers !== undefined && { headers: options.headers }),
    ...(options.dispatcher !== undefined && { dispatcher: options.dispatcher }),
    mapError: (failure) => mapOpenAIError({ ...failure, providerId }, statusOverrides),
  });

  const credentials = async (signal: AbortSignal | undefined): Promise<Headers> => {
    try {
      return await untilAborted(
        (authenticate as NonNullable<typeof authenticate>)(signal),
        signal,
        (aborted) => abortError(aborted, { providerId, during: 'fetching credentials' }),
      );
    } catch (error) {
      const converted = toConnectorError(error, { providerId });
      if (converted.code === 'cancelled' || converted.code === 'timeout') throw converted;
      throw new ConnectorError(
        'authentication',
        maskSecrets(`The credential provider failed: ${converted.message}`),
        { providerId, retryable: false, cause: error },
      );
    }
  };

  // the request's headers: fetched credentials, then the call's own headers, which win
  const prepare = async (http: MutableRequest, call: CallRequestOptions): Promise<Headers | undefined> => {
    if (authenticate === undefined) {
      if (call.headers !== undefined) http.headers = call.headers;
      return undefined;
    }
    const auth = await credentials(call.deadline.signal);
    http.headers = call.headers === undefined ? auth : { ...auth, ...call.headers };
    return auth;
  };

  // errors may echo a per-call credential, which the HTTP client does not know to mask
  const masked = (error: unknown, auth: Headers | undefined): unknown =>
    auth !== undefined && ConnectorError.isInstance(error)
      ? redactErrorSecrets(error, credentialValues(auth))
      : error;

  const transport: OpenAITransport = {
    providerId,
    start: (callOptions) => callRequestOptions(providerId, callOptions, callDefaults),
    async requestJson<T>(method: 'GET' | 'POST', path: string, body: unknown, call: CallRequestOptions) {
      const http: MutableRequest = { method, path, deadline: call.deadline };
      if (body !== undefined) http.body = body;
      const auth = await prepare(http, call);
      try {
        return await client.requestJson<T>(http);
      } catch (error) {
        throw masked(error, auth);
      }
    },
    async requestStream(path, body, call) {
      const http: MutableRequest = { method: 'POST', path, body, deadline: call.deadline };
      const auth = await prepare(http, call);
      try {
        return await client.requestStream(http);
      } catch (error) {
        throw masked(error, auth);
      }
    },
    async callJson<T>(method: 'GET' | 'POST', path: string, body: unknown, callOptions: CallOptions) {
      const call = transport.start(callOptions);
      try {
        return await transport.requestJson<T>(method, path, body, call);
      } finally {
        call.deadline.dispose();
      }
    },
    close: () => client.close(),
  };
  return transport;
}
