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
  type CallDefaults,
  callRequestOptions,
  createHttpClient,
  decodeSse,
  parseRateLimitHeaders,
  untilAborted,
} from '@hub/provider-utils';
import { type AnthropicConfig, type AnthropicOptions, anthropicConfig } from './anthropic-config.js';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
import type { AnthropicMessage, AnthropicModelList } from './anthropic-wire-types.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapAnthropicEvents } from './map-anthropic-events.js';
import { mapAnthropicResponse } from './map-anthropic-response.js';
import { mergeAnthropicModels } from './merge-anthropic-models.js';

const PROVIDER_ID = 'anthropic';
const MESSAGES_PATH = '/v1/messages';
const METADATA_TTL_MS = 60 * 60 * 1000;
// a failed model-list fetch is retried soon instead of pinning the catalog for an hour
const METADATA_FALLBACK_TTL_MS = 60 * 1000;
const PROBE_TIMEOUT_MS = 5000;
// a model list slower than this still works, but callers should prefer another target
const SLOW_HEALTH_MS = 2000;

interface MetadataCache {
  readonly loaded: Promise<ProviderMetadata>;
  expiresAt: number;
}

function withoutUndefined(options: AnthropicOptions): Record<string, unknown> {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('Invalid anthropic configuration: the options must be an object.');
  }
  const defined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) defined[key] = value;
  return defined;
}

function cancelledError(reason: unknown): ConnectorError {
  if (ConnectorError.isInstance(reason)) return reason;
  return new ConnectorError('cancelled', 'anthropic: the request was cancelled', {
    providerId: PROVIDER_ID,
    cause: reason,
  });
}

function isMessage(body: unknown): body is AnthropicMessage {
  return typeof body === 'object' && body !== null && Array.isArray((body as { content?: unknown }).content);
}

/**
 * Creates the Anthropic Messages API provider (`providerId: 'anthropic'`). Options are merged
 * over the environment (`ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`) and validated at once, before
 * any I/O; every request carries `x-api-key`, `anthropic-version` and, when configured,
 * `anthropic-beta`.
 *
 * - `sendCompletion` / `streamCompletion` call `POST /v1/messages` (see `buildAnthropicRequest`,
 *   `mapAnthropicResponse`, `mapAnthropicEvents`); failures are `ConnectorError`s classified by
 *   `mapAnthropicError`, never containing the API key.
 * - `getMetadata` merges `GET /v1/models` with the built-in catalog, cached for one hour (one
 *   minute when the list could not be fetched and the catalog alone is returned).
 * - `healthCheck` probes `GET /v1/models?limit=1` within five seconds and never rejects.
 *
 * @param options - API key, base URL, API version, beta names, default timeout and max tokens.
 * @returns The provider; call `close()` to release its connections.
 * @throws ConfigError naming each invalid field (`apiKey` missing, `baseUrl` not http(s), …).
 */
export function createAnthropicProvider(options: AnthropicOptions = {}): LLMProvider {
  const config: AnthropicConfig = anthropicConfig.validate({
    ...anthropicConfig.fromEnv(),
    ...withoutUndefined(options),
  });
  const secrets = [config.apiKey];
  const beta = typeof config.beta === 'string' ? config.beta : config.beta?.join(',');
  const client = createHttpClient({
    providerId: PROVIDER_ID,
    baseUrl: config.baseUrl,
    headers: {
      'x-api-key': config.apiKey,
      'anthropic-version': config.version,
      ...(beta !== undefined && beta !== '' && { 'anthropic-beta': beta }),
    },
    mapError: (failure) => mapAnthropicError(failure),
  });
  let metadataCache: MetadataCache | undefined;
  // Anthropic documents no client request id header: `CallOptions.requestId` is not sent
  const callDefaults: CallDefaults = {
    timeoutMs: config.timeoutMs,
    firstByteTimeoutMs: config.firstByteTimeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
  };

  const loadMetadata = async (): Promise<{ metadata: ProviderMetadata; ttlMs: number }> => {
    let models = ANTHROPIC_MODEL_CATALOG.slice();
    let fetched = false;
    try {
      const response = await client.requestJson<AnthropicModelList>({
        method: 'GET',
        path: '/v1/models?limit=1000',
        timeoutMs: PROBE_TIMEOUT_MS,
      });
      if (Array.isArray(response.body?.data)) {
        models = mergeAnthropicModels(response.body.data);
        fetched = true;
      }
    } catch {
      // the catalog is a complete answer on its own; the short TTL retries the list soon
    }
    return {
      metadata: {
        providerId: PROVIDER_ID,
        displayName: 'Anthropic',
        apiVersion: config.version,
        models,
        fetchedAt: Date.now(),
      },
      ttlMs: fetched ? METADATA_TTL_MS : METADATA_FALLBACK_TTL_MS,
    };
  };

  async function* stream(request: CompletionRequest, options: CallOptions): AsyncGenerator<StreamChunk> {
    const body = buildAnthropicRequest(request, {
      stream: true,
      ...(config.defaultMaxTokens !== undefined && { defaultMaxTokens: config.defaultMaxTokens }),
    });
    const call = callRequestOptions(PROVIDER_ID, options, callDefaults);
    try {
      const response = await client.requestStream({ method: 'POST', path: MESSAGES_PATH, body, ...call });
      const rateLimit = parseRateLimitHeaders(response.headers);
      yield* mapAnthropicEvents(decodeSse(response.body, { providerId: PROVIDER_ID }), {
        model: request.model,
        secrets,
        ...(rateLimit !== undefined && { rateLimit }),
      });
    } finally {
      // the whole-call deadline runs until the stream ends or the consumer leaves it
      call.deadline.dispose();
    }
  }

  return {
    providerId: PROVIDER_ID,

    async sendCompletion(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResponse> {
      const body = buildAnthropicRequest(request, {
        stream: false,
        ...(config.defaultMaxTokens !== undefined && { defaultMaxTokens: config.defaultMaxTokens }),
      });
      const call = callRequestOptions(PROVIDER_ID, options, callDefaults);
      let response: Awaited<ReturnType<typeof client.requestJson<unknown>>>;
      try {
        response = await client.requestJson<unknown>({ method: 'POST', path: MESSAGES_PATH, body, ...call });
      } finally {
        call.deadline.dispose();
      }
      if (!isMessage(response.body)) {
        throw new ConnectorError('parse', 'anthropic: the response is not a Messages API message', {
          providerId: PROVIDER_ID,
          model: request.model,
          status: response.status,
        });
      }
      return mapAnthropicResponse(response.body, parseRateLimitHeaders(response.headers));
    },

    streamCompletion(request: CompletionRequest, options: CallOptions = {}): AsyncIterable<StreamChunk> {
      // a generator sends nothing until the first `next()`, as the contract requires
      return stream(request, options);
    },

    getMetadata(options: CallOptions = {}): Promise<ProviderMetadata> {
      const now = Date.now();
      if (metadataCache === undefined || metadataCache.expiresAt <= now) {
        // concurrent callers share one fetch; it runs on its own deadline, not one caller's signal
        const cache: MetadataCache = {
          expiresAt: Number.POSITIVE_INFINITY,
          loaded: loadMetadata().then(({ metadata, ttlMs }) => {
            cache.expiresAt = metadata.fetchedAt + ttlMs;
            return metadata;
          }),
        };
        metadataCache = cache;
      }
      return untilAborted(metadataCache.loaded, options.signal, (aborted) => cancelledError(aborted.reason));
    },

    validateConfig: (candidate: unknown): ValidationResult => anthropicConfig.check(candidate),

    async healthCheck(options: CallOptions = {}): Promise<HealthStatus> {
      const checkedAt = Date.now();
      const started = performance.now();
      const timeoutMs = Math.min(options.timeoutMs ?? PROBE_TIMEOUT_MS, PROBE_TIMEOUT_MS);
      try {
        await client.requestJson({
          method: 'GET',
          path: '/v1/models?limit=1',
          timeoutMs,
          ...(options.signal !== undefined && { signal: options.signal }),
          ...(options.headers !== undefined && { headers: options.headers }),
        });
        const latencyMs = Math.round(performance.now() - started);
        if (latencyMs > SLOW_HEALTH_MS) {
          return { status: 'degraded', latencyMs, checkedAt, message: `the model list took ${latencyMs} ms` };
        }
        return { status: 'healthy', latencyMs, checkedAt };
      } catch (error) {
        const failure = toConnectorError(error, { providerId: PROVIDER_ID });
        const latencyMs = Math.round(performance.now() - started);
        // answering with a rate limit or overload means the API is up but busy
        const busy = failure.code === 'rate_limit' || failure.code === 'overloaded';
        return { status: busy ? 'degraded' : 'unhealthy', latencyMs, checkedAt, message: failure.message };
      }
    },

    close(): Promise<void> {
      return client.close();
    },
  };
}
