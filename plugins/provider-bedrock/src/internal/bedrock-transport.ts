import type { CallOptions } from '@hub/core';
import {
  type CallDefaults,
  type CallRequestOptions,
  callRequestOptions,
  createHttpClient,
  type HttpJsonResponse,
  type HttpStreamResponse,
} from '@hub/provider-utils';
import { BEDROCK_PROVIDER_ID } from '../bedrock-config.js';
import { mapBedrockError } from '../map-bedrock-error.js';
import type { BedrockAuth } from './bedrock-auth.js';

/** The event-stream media type ConverseStream answers with. */
const EVENT_STREAM = 'application/vnd.amazon.eventstream';

/**
 * One Bedrock host (the runtime, or the control plane) as the provider's operations see it:
 * authenticated requests (SigV4 or a Bedrock API key) through one HTTP client, errors classified
 * by `mapBedrockError`, and the call options of each call turned into one deadline. Every method
 * takes the call's `CallRequestOptions` (from `startCall`); the caller disposes its deadline when
 * the call ends.
 */
export interface BedrockTransport {
  /** The call's deadline (the three limits and the signal) and extra headers, started now. */
  startCall(options: CallOptions): CallRequestOptions;
  /** `POST` of exactly `body` (the bytes signed), answered with JSON. */
  postJson<T>(path: string, body: string, call: CallRequestOptions): Promise<HttpJsonResponse<T>>;
  /** `POST` of exactly `body`, answered with a binary event stream. */
  postEventStream(path: string, body: string, call: CallRequestOptions): Promise<HttpStreamResponse>;
  /** `GET` with the (decoded) query parameters, answered with JSON. */
  getJson<T>(
    path: string,
    query: Readonly<Record<string, string>>,
    call: CallRequestOptions,
  ): Promise<HttpJsonResponse<T>>;
  /** Credential values seen so far, to mask out of errors built from response text. */
  secrets(): readonly string[];
  /** Closes the HTTP client's connections. */
  close(): Promise<void>;
}

/**
 * Creates the transport to one Bedrock endpoint. Bedrock documents no client request id header,
 * so `CallOptions.requestId` is not sent.
 *
 * @param endpoint - The endpoint URL, possibly with a base path (a proxy).
 * @param auth - How requests to it are authenticated.
 * @param defaults - The configured default deadlines, used where a call sets none.
 */
export function createBedrockTransport(
  endpoint: URL,
  auth: BedrockAuth,
  defaults: CallDefaults,
): BedrockTransport {
  const basePath = endpoint.pathname.endsWith('/') ? endpoint.pathname.slice(0, -1) : endpoint.pathname;
  const client = createHttpClient({
    providerId: BEDROCK_PROVIDER_ID,
    baseUrl: endpoint.href,
    mapError: (failure) => {
      const error = mapBedrockError(failure, {
        secrets: auth.secrets(),
        canRefreshCredentials: auth.canRefresh,
      });
      // the next attempt fetches fresh credentials instead of signing with the expired ones
      if (error.providerCode === 'ExpiredTokenException') auth.invalidate();
      return error;
    },
  });
  // The call's headers travel inside the signed set, listed first so that the request's own
  // headers win over a caller's header of the same name; the signer and the HTTP client both
  // compare names case-insensitively, keeping the last value, so what is signed is what is sent.
  const authorize = (
    method: 'GET' | 'POST',
    path: string,
    query: Readonly<Record<string, string>>,
    accept: string,
    body: string | undefined,
    call: CallRequestOptions,
  ): Promise<Record<string, string>> =>
    auth.authorize(
      {
        method,
        path: basePath + path,
        query,
        headers:
          body === undefined
            ? { ...call.headers, accept }
            : { ...call.headers, 'content-type': 'application/json', accept },
        ...(body !== undefined && { body }),
      },
      // fetching credentials counts against the call's deadline and stops with its signal
      call.deadline.signal,
    );

  return {
    startCall: (options) => callRequestOptions(BEDROCK_PROVIDER_ID, options, defaults),
    async postJson<T>(path: string, body: string, call: CallRequestOptions) {
      const headers = await authorize('POST', path, {}, 'application/json', body, call);
      return client.requestJson<T>({ method: 'POST', path, rawBody: body, headers, deadline: call.deadline });
    },
    async postEventStream(path, body, call) {
      const headers = await authorize('POST', path, {}, EVENT_STREAM, body, call);
      return client.requestStream({ method: 'POST', path, rawBody: body, headers, deadline: call.deadline });
    },
    async getJson<T>(path: string, query: Readonly<Record<string, string>>, call: CallRequestOptions) {
      const headers = await authorize('GET', path, query, 'application/json', undefined, call);
      const search = new URLSearchParams(query).toString();
      return client.requestJson<T>({
        method: 'GET',
        path: search === '' ? path : `${path}?${search}`,
        headers,
        deadline: call.deadline,
      });
    },
    secrets: () => auth.secrets(),
    close: () => client.close(),
  };
}
