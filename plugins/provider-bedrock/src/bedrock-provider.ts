import { randomUUID } from 'node:crypto';
import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  ConnectorError,
  type HealthStatus,
  type LLMProvider,
  type ProviderMetadata,
  type StreamChunk,
  toConnectorError,
  type ValidationResult,
} from '@hub/core';
import {
  CallDeadline,
  type CallDefaults,
  type CallRequestOptions,
  callRequestOptions,
  createHttpClient,
} from '@hub/provider-utils';
import {
  BEDROCK_API_VERSION,
  BEDROCK_PROVIDER_ID,
  type BedrockOptions,
  bedrockConfig,
} from './bedrock-config.js';
import { BEDROCK_MODEL_CATALOG } from './bedrock-model-catalog.js';
import type { ConverseResponse } from './bedrock-wire-types.js';
import { buildConverseRequest } from './build-converse-request.js';
import { decodeEventStream } from './decode-event-stream.js';
import { defaultBedrockEndpoint } from './default-bedrock-endpoint.js';
import { findBedrockModel } from './find-bedrock-model.js';
import { abortError } from './internal/abort-error.js';
import type { AuthRequest } from './internal/bedrock-auth.js';
import { createBedrockAuth } from './internal/create-bedrock-auth.js';
import { listBedrockModels } from './list-bedrock-models.js';
import { mapBedrockError } from './map-bedrock-error.js';
import { mapConverseResponse } from './map-converse-response.js';
import { mapConverseStreamEvents } from './map-converse-stream-events.js';

const PROBE_TIMEOUT_MS = 5000;
// a probe slower than this still works, but callers should prefer another target
const SLOW_HEALTH_MS = 2000;
// ListAsyncInvokes: the cheapest signed call on the runtime host (a one-item page)
const HEALTH_PATH = '/async-invoke';
const HEALTH_QUERY = { maxResults: '1' } as const;

function definedOptions(options: BedrockOptions): Record<string, unknown> {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(`Invalid ${BEDROCK_PROVIDER_ID} configuration: the options must be an object.`);
  }
  const defined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) defined[key] = value;
  return defined;
}

// encodeURIComponent plus the characters it leaves alone that AWS escapes too (as the AWS SDK does)
function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function lowercaseHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const lowered: Record<string, string> = {};
  if (headers === undefined) return lowered;
  for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value;
  return lowered;
}

// The signed payload, serialized once. The builder bounds every nested value's depth; whatever
// else JSON cannot hold (a BigInt in providerParams) is still the request's fault, not a 500.
function converseBody(request: CompletionRequest): string {
  const body = buildConverseRequest(request);
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new ConnectorError(
      'invalid_request',
      `${BEDROCK_PROVIDER_ID}: the request cannot be serialized as JSON`,
      { providerId: BEDROCK_PROVIDER_ID, model: request.model, cause: error },
    );
  }
}

function isConverseResponse(body: unknown): body is ConverseResponse {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * Creates the Amazon Bedrock provider (`providerId: 'aws-bedrock'`), speaking the Converse API of
 * the Bedrock Runtime. Options are merged over the environment (`AWS_REGION` /
 * `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, `AWS_BEARER_TOKEN_BEDROCK`) and
 * validated at once, before any I/O.
 *
 * - Authentication: a Bedrock API key (`Authorization: Bearer …`) when `apiKey` is set, otherwise
 *   SigV4 signing with `credentials` or the standard AWS credential chain (loaded on first use);
 *   credentials are cached and refreshed when less than five minutes are left.
 * - `sendCompletion` calls `POST /model/{modelId}/converse`, `streamCompletion`
 *   `POST /model/{modelId}/converse-stream` and decodes its binary event stream (see
 *   `buildConverseRequest`, `mapConverseResponse`, `decodeEventStream`,
 *   `mapConverseStreamEvents`). The model id may be a base model id, a cross-region inference
 *   profile id (`us.anthropic.…`) or an ARN; it is percent-encoded into the path.
 * - Failures are `ConnectorError`s classified by `mapBedrockError`; no credential, token or
 *   signature ever appears in one.
 * - `getMetadata` returns the built-in catalog (base models and their inference profiles),
 *   built once: the model list lives on the separate `bedrock` control-plane host.
 * - `healthCheck` sends a signed `GET /async-invoke?maxResults=1` (ListAsyncInvokes) within five
 *   seconds and never rejects; `AccessDeniedException` still counts as healthy, since it proves the
 *   endpoint is up and the signature valid.
 *
 * @param options - Region, credentials or API key, endpoint and default timeout.
 * @returns The provider; call `close()` to release its connections.
 * @throws ConfigError naming each invalid field (`region` missing, `endpoint` not http(s), …).
 */
export function createBedrockProvider(options: BedrockOptions = {}): LLMProvider {
  const explicit = definedOptions(options);
  const environment = bedrockConfig.fromEnv();
  // explicitly passed AWS credentials win over an API key that merely sits in the environment
  if (explicit.credentials !== undefined) delete environment.apiKey;
  const config = bedrockConfig.validate({ ...environment, ...explicit });
  const endpoint = new URL(config.endpoint ?? defaultBedrockEndpoint(config.region as string));
  const basePath = endpoint.pathname.endsWith('/') ? endpoint.pathname.slice(0, -1) : endpoint.pathname;
  const auth = createBedrockAuth(config, endpoint);
  const client = createHttpClient({
    providerId: BEDROCK_PROVIDER_ID,
    baseUrl: endpoint.href,
    mapError: (failure) => {
      const error = mapBedrockError(failure, {
        secrets: auth.secrets(),
        canRefreshCredentials: auth.canRefresh,
      });
      if (error.providerCode === 'ExpiredTokenException') auth.invalidate();
      return error;
    },
  });
  let metadata: ProviderMetadata | undefined;
  // Bedrock documents no client request id header: `CallOptions.requestId` is not sent
  const callDefaults: CallDefaults = {
    timeoutMs: config.timeoutMs,
    firstByteTimeoutMs: config.firstByteTimeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
  };

  const authorize = (
    method: string,
    path: string,
    query: Readonly<Record<string, string>>,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, string>> => {
    const request: AuthRequest = {
      method,
      path: basePath + path,
      query,
      headers,
      ...(body !== undefined && { body }),
    };
    return auth.authorize(request, signal);
  };

  // the call's headers are signed with the rest, so they travel inside the signed set
  const converseHeaders = (call: CallRequestOptions, accept: string): Record<string, string> => ({
    ...lowercaseHeaders(call.headers),
    'content-type': 'application/json',
    accept,
  });

  async function* stream(request: CompletionRequest, options: CallOptions): AsyncGenerator<StreamChunk> {
    if (options.signal?.aborted) throw abortError(options.signal.reason);
    const payload = converseBody(request);
    const path = `/model/${encodePathSegment(request.model)}/converse-stream`;
    // one deadline covers fetching credentials, the exchange and the whole stream
    const call = callRequestOptions(BEDROCK_PROVIDER_ID, options, callDefaults);
    const { deadline } = call;
    try {
      const headers = await authorize(
        'POST',
        path,
        {},
        converseHeaders(call, 'application/vnd.amazon.eventstream'),
        payload,
        deadline.signal,
      );
      // the signed bytes themselves, serialized once
      const response = await client.requestStream({
        method: 'POST',
        path,
        rawBody: payload,
        headers,
        deadline,
      });
      const requestId = response.headers['x-amzn-requestid'];
      yield* mapConverseStreamEvents(decodeEventStream(response.body), {
        model: request.model,
        secrets: auth.secrets(),
        ...(requestId !== undefined && { requestId }),
      });
    } finally {
      deadline.dispose();
    }
  }

  return {
    providerId: BEDROCK_PROVIDER_ID,

    async sendCompletion(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResponse> {
      if (options.signal?.aborted) throw abortError(options.signal.reason);
      const payload = converseBody(request);
      const path = `/model/${encodePathSegment(request.model)}/converse`;
      // one deadline covers fetching credentials and the whole exchange
      const call = callRequestOptions(BEDROCK_PROVIDER_ID, options, callDefaults);
      const { deadline } = call;
      try {
        const headers = await authorize(
          'POST',
          path,
          {},
          converseHeaders(call, 'application/json'),
          payload,
          deadline.signal,
        );
        const response = await client.requestJson<unknown>({
          method: 'POST',
          path,
          rawBody: payload,
          headers,
          deadline,
        });
        if (!isConverseResponse(response.body)) {
          throw new ConnectorError(
            'parse',
            `${BEDROCK_PROVIDER_ID}: the response is not a Converse response`,
            {
              providerId: BEDROCK_PROVIDER_ID,
              model: request.model,
              status: response.status,
            },
          );
        }
        return mapConverseResponse(response.body, {
          requestId: response.headers['x-amzn-requestid'] ?? `bedrock-${randomUUID()}`,
          model: request.model,
        });
      } finally {
        deadline.dispose();
      }
    },

    streamCompletion(request: CompletionRequest, options: CallOptions = {}): AsyncIterable<StreamChunk> {
      // a generator sends nothing until the first `next()`, as the contract requires
      return stream(request, options);
    },

    // ARNs and regional inference profiles (`jp.`, `us-gov.` …) map to their base model's entry
    resolveModel: (model, metadata) => findBedrockModel(model, metadata.models),

    getMetadata(options: CallOptions = {}): Promise<ProviderMetadata> {
      if (options.signal?.aborted) return Promise.reject(abortError(options.signal.reason));
      metadata ??= {
        providerId: BEDROCK_PROVIDER_ID,
        displayName: 'Amazon Bedrock',
        apiVersion: BEDROCK_API_VERSION,
        models: listBedrockModels(BEDROCK_MODEL_CATALOG),
        fetchedAt: Date.now(),
      };
      return Promise.resolve(metadata);
    },

    validateConfig: (candidate: unknown): ValidationResult => bedrockConfig.check(candidate),

    async healthCheck(options: CallOptions = {}): Promise<HealthStatus> {
      const checkedAt = Date.now();
      const started = performance.now();
      const deadline = new CallDeadline(BEDROCK_PROVIDER_ID, {
        signal: options.signal,
        timeoutMs: Math.min(options.timeoutMs ?? PROBE_TIMEOUT_MS, PROBE_TIMEOUT_MS),
      });
      try {
        const query = new URLSearchParams(HEALTH_QUERY).toString();
        const headers = await authorize(
          'GET',
          HEALTH_PATH,
          HEALTH_QUERY,
          { ...lowercaseHeaders(options.headers), accept: 'application/json' },
          undefined,
          deadline.signal,
        );
        await client.requestJson({ method: 'GET', path: `${HEALTH_PATH}?${query}`, headers, deadline });
        const latencyMs = Math.round(performance.now() - started);
        if (latencyMs > SLOW_HEALTH_MS) {
          return { status: 'degraded', latencyMs, checkedAt, message: `the probe took ${latencyMs} ms` };
        }
        return { status: 'healthy', latencyMs, checkedAt };
      } catch (error) {
        const failure = toConnectorError(error, { providerId: BEDROCK_PROVIDER_ID });
        const latencyMs = Math.round(performance.now() - started);
        if (failure.providerCode === 'AccessDeniedException') {
          // the signature was accepted; only ListAsyncInvokes is not permitted, which says
          // nothing about inference
          return {
            status: 'healthy',
            latencyMs,
            checkedAt,
            message: 'reachable and authenticated (ListAsyncInvokes is not permitted for these credentials)',
          };
        }
        // answering with a throttle means the service is up but busy
        const busy = failure.code === 'rate_limit' || failure.code === 'overloaded';
        return { status: busy ? 'degraded' : 'unhealthy', latencyMs, checkedAt, message: failure.message };
      } finally {
        deadline.dispose();
      }
    },

    close(): Promise<void> {
      return client.close();
    },
  };
}
