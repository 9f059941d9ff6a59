import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  type ConfigIssue,
  ConnectorError,
  type HealthStatus,
  type LLMProvider,
  type ModelInfo,
  type ProviderMetadata,
  type StreamChunk,
  toConnectorError,
  type ValidationResult,
} from '@hub/core';
import {
  type CallDefaults,
  type CallRequestOptions,
  callRequestOptions,
  createHttpClient,
  decodeSseBatches,
  type HttpJsonResponse,
  type HttpRequestOptions,
  parseRateLimitHeaders,
  redactErrorSecrets,
  redactSecretPatterns,
} from '@hub/provider-utils';
import type { ChatCompletionsProviderOptions } from './chat-completions-provider-options.js';
import { convertOpenAIResponse } from './convert-openai-response.js';
import { convertToOpenAIRequest, type OpenAIRequestOptions } from './convert-to-openai-request.js';
import { describeUnknownModel } from './internal/describe-unknown-model.js';
import { MetadataCache, type MetadataLoad } from './internal/metadata-cache.js';
import { raceSignal } from './internal/race-signal.js';
import { retryWithBackoff } from './internal/retry-with-backoff.js';
import { isOpenAIReasoningModel } from './is-openai-reasoning-model.js';
import { mapOpenAIError } from './map-openai-error.js';
import { OpenAIStreamDecoder, type OpenAIStreamSource } from './openai-stream-decoder.js';
import type {
  OpenAIChatCompletionRequest,
  OpenAIChatCompletionResponse,
  OpenAIModelList,
} from './openai-wire-types.js';

// a model may think for minutes before its first token; an hour-long silence is a stall
const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 600_000;
const DEFAULT_IDLE_TIMEOUT_MS = 600_000;
const DEFAULT_METADATA_TTL_MS = 60 * 60 * 1000;
// a failed model list is retried soon, not after an hour, but not on every call either
const FALLBACK_METADATA_TTL_MS = 60_000;
const MODEL_LIST_TIMEOUT_MS = 10_000;
const HEALTH_BUDGET_MS = 5000;
// answering, but slower than this, is reported as degraded
const SLOW_HEALTH_MS = 2000;
const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;
const EMPTY_CALL_OPTIONS: CallOptions = Object.freeze({});

type MutableRequest = { -readonly [Key in keyof HttpRequestOptions]: HttpRequestOptions[Key] };
type Headers = Readonly<Record<string, string>>;

const acceptAll = (): ValidationResult => ({ ok: true });

function isNonNegativeInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function checkOptions(options: ChatCompletionsProviderOptions): void {
  const issues: ConfigIssue[] = [];
  if (typeof options.providerId !== 'string' || !PROVIDER_ID.test(options.providerId)) {
    issues.push({ path: 'providerId', message: 'must match [a-z0-9][a-z0-9._-]* (for example "openai")' });
  }
  for (const field of ['timeoutMs', 'firstByteTimeoutMs', 'idleTimeoutMs'] as const) {
    if (options[field] !== undefined && !isNonNegativeInteger(options[field])) {
      issues.push({ path: field, message: 'must be a non-negative integer of milliseconds (0 disables it)' });
    }
  }
  if (options.maxRetries !== undefined && !isNonNegativeInteger(options.maxRetries)) {
    issues.push({ path: 'maxRetries', message: 'must be a non-negative integer' });
  }
  if (options.metadataTtlMs !== undefined && !isNonNegativeInteger(options.metadataTtlMs)) {
    issues.push({ path: 'metadataTtlMs', message: 'must be a non-negative integer of milliseconds' });
  }
  if (issues.length > 0) throw ConfigError.fromIssues('Chat Completions provider options', issues);
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

function authenticationFailure(error: unknown, providerId: string): ConnectorError {
  const converted = toConnectorError(error, { providerId });
  if (converted.code === 'cancelled' || converted.code === 'timeout') return converted;
  return new ConnectorError(
    'authentication',
    redactSecretPatterns(`${providerId}: the credential provider failed: ${converted.message}`),
    { providerId, retryable: false, cause: error },
  );
}

/**
 * Creates an `LLMProvider` for any server speaking OpenAI's Chat Completions API: the shared core
 * of `@hub/provider-openai` (OpenAI, Azure OpenAI) and `@hub/provider-openai-compatible`. It maps
 * unified requests to the wire body (one object literal, one `JSON.stringify`), responses and
 * server-sent event streams back, errors to `ConnectorError`s, and serves metadata (catalog
 * merged with `GET /models`, cached for an hour, concurrent loads shared) and health checks
 * (`GET /models`, five-second budget, never rejects).
 *
 * Servers that differ from OpenAI are described with `quirks` rather than copied code. Options
 * are checked at once; nothing touches the network until the first call.
 *
 * @example
 * ```ts
 * const provider = createChatCompletionsProvider({
 *   providerId: 'my-gateway',
 *   baseUrl: 'https://llm.internal.example/v1',
 *   headers: { authorization: `Bearer ${process.env.GATEWAY_TOKEN}` },
 *   quirks: { streamUsage: false, maxTokensField: 'max_tokens' },
 * });
 * ```
 *
 * @param options - Server, credentials, catalog and quirks.
 * @returns The provider; `close()` releases its connections.
 * @throws ConfigError naming the invalid option (`providerId`, `baseUrl`, `timeoutMs`, …).
 */
export function createChatCompletionsProvider(options: ChatCompletionsProviderOptions): LLMProvider {
  checkOptions(options);
  const { providerId, authenticate, requestIdHeader } = options;
  const quirks = options.quirks ?? {};
  const isReasoningModel = quirks.isReasoningModel ?? isOpenAIReasoningModel;
  const maxTokensField = quirks.maxTokensField ?? 'auto';
  const streamUsage = quirks.streamUsage ?? true;
  const requireDoneMarker = quirks.requireDoneMarker ?? true;
  const strictSchemas = quirks.strictSchemas ?? true;
  const { renameFields, omitFields } = quirks;
  const maxRetries = options.maxRetries ?? 0;
  const callDefaults: CallDefaults = {
    timeoutMs: options.timeoutMs,
    firstByteTimeoutMs: options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    requestIdHeader,
  };
  const chatPath = options.chatPath ?? '/chat/completions';
  const pathFor = typeof chatPath === 'string' ? () => chatPath : chatPath;
  const wireModel = options.wireModel;
  const modelsPath = options.modelsPath ?? '/models';
  const catalog = options.models ?? [];
  const includeListedModel = options.includeListedModel;
  const describeListedModel = options.describeUnknownModel ?? describeUnknownModel;
  const displayName = options.displayName ?? providerId;

  const client = createHttpClient({
    providerId,
    baseUrl: options.baseUrl,
    ...(options.headers !== undefined && { headers: options.headers }),
    ...(options.dispatcher !== undefined && { dispatcher: options.dispatcher }),
    mapError: (failure) => mapOpenAIError({ ...failure, providerId }),
  });

  const mapping = (request: CompletionRequest, stream: boolean): OpenAIRequestOptions => {
    const reasoning = isReasoningModel(request.model);
    return {
      model: wireModel === undefined ? request.model : wireModel(request.model),
      stream,
      reasoning,
      maxTokensField:
        maxTokensField === 'auto' ? (reasoning ? 'max_completion_tokens' : 'max_tokens') : maxTokensField,
      streamUsage,
      strictSchemas,
      renameFields,
      omitFields,
      providerParams: request.providerParams?.[providerId],
      providerId,
    };
  };

  // the call's own headers win over fetched credentials, as they win over the defaults
  const withAuth = (call: CallRequestOptions, auth: Headers): Headers =>
    call.headers === undefined ? auth : { ...auth, ...call.headers };

  const credentials = async (signal: AbortSignal | undefined): Promise<Headers> => {
    try {
      return await raceSignal((authenticate as NonNullable<typeof authenticate>)(signal), signal, providerId);
    } catch (error) {
      throw authenticationFailure(error, providerId);
    }
  };

  // errors may echo a per-call credential, which the HTTP client does not know to mask
  const masked = (error: unknown, auth: Headers): unknown =>
    ConnectorError.isInstance(error) ? redactErrorSecrets(error, credentialValues(auth)) : error;

  // one attempt; retries share the call's deadline, which re-arms its first-byte limit per request
  const postJson = async (
    path: string,
    body: OpenAIChatCompletionRequest,
    call: CallRequestOptions,
  ): Promise<HttpJsonResponse<OpenAIChatCompletionResponse>> => {
    const http: MutableRequest = { method: 'POST', path, body, deadline: call.deadline };
    if (authenticate === undefined) {
      if (call.headers !== undefined) http.headers = call.headers;
      return client.requestJson<OpenAIChatCompletionResponse>(http);
    }
    const auth = await credentials(call.deadline.signal);
    http.headers = withAuth(call, auth);
    try {
      return await client.requestJson<OpenAIChatCompletionResponse>(http);
    } catch (error) {
      throw masked(error, auth);
    }
  };

  const openStream = async (
    path: string,
    body: OpenAIChatCompletionRequest,
    call: CallRequestOptions,
  ): Promise<OpenAIStreamSource> => {
    const http: MutableRequest = { method: 'POST', path, body, deadline: call.deadline };
    let auth: Headers | undefined;
    if (authenticate !== undefined) auth = await credentials(call.deadline.signal);
    const headers = auth === undefined ? call.headers : withAuth(call, auth);
    if (headers !== undefined) http.headers = headers;
    try {
      const response = await client.requestStream(http);
      return {
        eventBatches: decodeSseBatches(response.body, { providerId }),
        rateLimit: parseRateLimitHeaders(response.headers),
      };
    } catch (error) {
      throw auth === undefined ? error : masked(error, auth);
    }
  };

  const listHeaders = async (signal: AbortSignal | undefined): Promise<Headers | undefined> =>
    authenticate === undefined ? undefined : credentials(signal);

  const metadataOf = (models: readonly ModelInfo[]): ProviderMetadata => ({
    providerId,
    displayName,
    ...(options.apiVersion !== undefined && { apiVersion: options.apiVersion }),
    models,
    fetchedAt: Date.now(),
  });

  const loadMetadata = async (): Promise<MetadataLoad> => {
    if (options.listModels === false) return { metadata: metadataOf(catalog), complete: true };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), MODEL_LIST_TIMEOUT_MS);
    timer.unref();
    try {
      const http: MutableRequest = { method: 'GET', path: modelsPath, signal: controller.signal };
      const headers = await listHeaders(controller.signal);
      if (headers !== undefined) http.headers = headers;
      const { body } = await client.requestJson<OpenAIModelList>(http);
      const known = new Set(catalog.map((model) => model.id));
      const models = [...catalog];
      for (const entry of body?.data ?? []) {
        const id = entry?.id;
        if (typeof id !== 'string' || id === '' || known.has(id)) continue;
        if (includeListedModel !== undefined && !includeListedModel(id)) continue;
        known.add(id);
        models.push(describeListedModel(id));
      }
      return { metadata: metadataOf(models), complete: true };
    } catch {
      // the contract: metadata falls back to the built-in catalog when the list is unavailable
      return { metadata: metadataOf(catalog), complete: false };
    } finally {
      clearTimeout(timer);
    }
  };

  const metadataCache = new MetadataCache(
    loadMetadata,
    options.metadataTtlMs ?? DEFAULT_METADATA_TTL_MS,
    FALLBACK_METADATA_TTL_MS,
  );

  return {
    providerId,

    async sendCompletion(
      request: CompletionRequest,
      callOptions: CallOptions = EMPTY_CALL_OPTIONS,
    ): Promise<CompletionResponse> {
      const body = convertToOpenAIRequest(request, mapping(request, false));
      const path = pathFor(request.model);
      const call = callRequestOptions(providerId, callOptions, callDefaults);
      let response: HttpJsonResponse<OpenAIChatCompletionResponse>;
      try {
        response =
          maxRetries === 0
            ? await postJson(path, body, call)
            : await retryWithBackoff(() => postJson(path, body, call), {
                maxRetries,
                signal: call.deadline.signal,
                providerId,
              });
      } finally {
        call.deadline.dispose();
      }
      return convertOpenAIResponse(response.body, {
        providerId,
        model: request.model,
        rateLimit: parseRateLimitHeaders(response.headers),
      });
    },

    streamCompletion(
      request: CompletionRequest,
      callOptions: CallOptions = EMPTY_CALL_OPTIONS,
    ): AsyncIterable<StreamChunk> {
      const open = async (): Promise<OpenAIStreamSource> => {
        const body = convertToOpenAIRequest(request, mapping(request, true));
        const path = pathFor(request.model);
        // the deadline runs from here to the stream's end; the decoder disposes it then
        const call = callRequestOptions(providerId, callOptions, callDefaults);
        const { deadline } = call;
        try {
          const source =
            maxRetries === 0
              ? await openStream(path, body, call)
              : await retryWithBackoff(() => openStream(path, body, call), {
                  maxRetries,
                  signal: deadline.signal,
                  providerId,
                });
          return { ...source, deadline };
        } catch (error) {
          deadline.dispose();
          throw error;
        }
      };
      return {
        [Symbol.asyncIterator]: () =>
          new OpenAIStreamDecoder({ providerId, model: request.model, requireDoneMarker, open }),
      };
    },

    getMetadata(callOptions: CallOptions = EMPTY_CALL_OPTIONS): Promise<ProviderMetadata> {
      return raceSignal(metadataCache.get(), callOptions.signal, providerId);
    },

    validateConfig: options.validateConfig ?? acceptAll,

    async healthCheck(callOptions: CallOptions = EMPTY_CALL_OPTIONS): Promise<HealthStatus> {
      const checkedAt = Date.now();
      const started = performance.now();
      const budget = Math.min(HEALTH_BUDGET_MS, callOptions.timeoutMs ?? HEALTH_BUDGET_MS);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), budget);
      timer.unref();
      const signal =
        callOptions.signal === undefined
          ? controller.signal
          : AbortSignal.any([callOptions.signal, controller.signal]);
      try {
        const http: MutableRequest = { method: 'GET', path: modelsPath, signal };
        const headers = await listHeaders(signal);
        if (headers !== undefined) http.headers = headers;
        await client.requestJson(http);
        const latencyMs = Math.round(performance.now() - started);
        return latencyMs > SLOW_HEALTH_MS
          ? { status: 'degraded', latencyMs, message: `answered slowly (${latencyMs} ms)`, checkedAt }
          : { status: 'healthy', latencyMs, checkedAt };
      } catch (error) {
        const latencyMs = Math.round(performance.now() - started);
        const failure = controller.signal.aborted
          ? new ConnectorError('timeout', `${providerId}: no answer within ${budget} ms`, { providerId })
          : toConnectorError(error, { providerId });
        return {
          status: failure.code === 'rate_limit' ? 'degraded' : 'unhealthy',
          latencyMs,
          message: redactSecretPatterns(failure.message),
          checkedAt,
        };
      } finally {
        clearTimeout(timer);
      }
    },

    close(): Promise<void> {
      return client.close();
    },
  };
}
