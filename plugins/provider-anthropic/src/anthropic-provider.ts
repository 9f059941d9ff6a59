import {
  type CallOptions,
  type CompletionRequest,
  ConfigError,
  ConnectorError,
  type StreamChunk,
  type TokenCount,
} from '@hub/core';
import {
  type CallDefaults,
  callRequestOptions,
  createHttpClient,
  decodeSse,
  defineHttpProvider,
  findCatalogModel,
  type HttpClient,
  type HttpJsonResponse,
  type HttpProvider,
  type ListedModel,
  parseRateLimitHeaders,
} from '@hub/provider-utils';
import { type AnthropicOptions, anthropicConfig } from './anthropic-config.js';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
import type { AnthropicMessage, AnthropicModelList, AnthropicTokenCount } from './anthropic-wire-types.js';
import { buildAnthropicCountTokensRequest } from './build-anthropic-count-tokens-request.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapAnthropicEvents } from './map-anthropic-events.js';
import { mapAnthropicResponse } from './map-anthropic-response.js';
import { toListedAnthropicModel } from './to-listed-anthropic-model.js';

const PROVIDER_ID = 'anthropic';
const MESSAGES_PATH = '/v1/messages';
const COUNT_TOKENS_PATH = '/v1/messages/count_tokens';
// the documented maximum page size: every model an account can use fits in one page
const MODELS_PATH = '/v1/models?limit=1000';
const PROBE_PATH = '/v1/models?limit=1';

function isMessage(body: unknown): body is AnthropicMessage {
  return typeof body === 'object' && body !== null && Array.isArray((body as { content?: unknown }).content);
}

function inputTokensOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const count = (body as Partial<AnthropicTokenCount>).input_tokens;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : undefined;
}

/** Sends one JSON request on the call's deadline, which ends with the response body. */
async function requestOnce<T>(
  client: HttpClient,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  options: CallOptions,
  defaults: CallDefaults,
): Promise<HttpJsonResponse<T>> {
  const call = callRequestOptions(PROVIDER_ID, options, defaults);
  try {
    return await client.requestJson<T>({ method, path, ...(body !== undefined && { body }), ...call });
  } finally {
    call.deadline.dispose();
  }
}

/**
 * Creates the Anthropic Messages API provider (`providerId: 'anthropic'`) on the provider kit
 * (`defineHttpProvider`). Options are merged over the environment (`ANTHROPIC_API_KEY`,
 * `ANTHROPIC_BASE_URL`) and validated at once, before any I/O; every request carries
 * `x-api-key`, `anthropic-version` and, when configured, `anthropic-beta`, plus the call's
 * `CallOptions.headers`.
 *
 * - `sendCompletion` / `streamCompletion` call `POST /v1/messages` (see `buildAnthropicRequest`,
 *   `mapAnthropicResponse`, `mapAnthropicEvents`).
 * - `countTokens` calls `POST /v1/messages/count_tokens` with the same inputs
 *   (`buildAnthropicCountTokensRequest`) and answers `{ inputTokens, exact: true }`.
 * - `getMetadata` merges `GET /v1/models` over `ANTHROPIC_MODEL_CATALOG` through the kit's
 *   metadata cache; `probe` asks for `GET /v1/models?limit=1`.
 * - No `embed`: Anthropic has no embeddings API, and the hub refuses embedding calls to it with
 *   `unsupported`.
 *
 * Failures are `ConnectorError`s classified by `mapAnthropicError`, never containing the API key.
 *
 * @param options - API key, base URL, API version, beta names, default deadlines and max tokens.
 * @returns The provider; call `close()` to release its connections.
 * @throws ConfigError naming each invalid field (`apiKey` missing, `baseUrl` not http(s), …).
 */
export function createAnthropicProvider(options: AnthropicOptions = {}): HttpProvider {
  // `resolve` spreads the options: anything but an object would fail with a TypeError instead
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('Invalid anthropic configuration: the options must be an object.');
  }
  const config = anthropicConfig.resolve(options);
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
  // Anthropic documents no client request id header: `CallOptions.requestId` is not sent
  const callDefaults: CallDefaults = {
    timeoutMs: config.timeoutMs,
    firstByteTimeoutMs: config.firstByteTimeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
  };
  const buildOptions = (stream: boolean) => ({
    stream,
    ...(config.defaultMaxTokens !== undefined && { defaultMaxTokens: config.defaultMaxTokens }),
  });

  async function* stream(request: CompletionRequest, callOptions: CallOptions): AsyncGenerator<StreamChunk> {
    const body = buildAnthropicRequest(request, buildOptions(true));
    const call = callRequestOptions(PROVIDER_ID, callOptions, callDefaults);
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

  return defineHttpProvider({
    providerId: PROVIDER_ID,
    displayName: 'Anthropic',
    apiVersion: config.version,
    catalog: ANTHROPIC_MODEL_CATALOG,

    async listModels(callOptions): Promise<readonly ListedModel[]> {
      const response = await requestOnce<AnthropicModelList>(
        client,
        'GET',
        MODELS_PATH,
        undefined,
        callOptions,
        callDefaults,
      );
      const entries = response.body?.data;
      if (!Array.isArray(entries)) {
        throw new ConnectorError('parse', 'The model list has no data array.', {
          providerId: PROVIDER_ID,
          status: response.status,
        });
      }
      const listed: ListedModel[] = [];
      for (const entry of entries) {
        const model = toListedAnthropicModel(entry, ANTHROPIC_MODEL_CATALOG);
        if (model !== undefined) listed.push(model);
      }
      return listed;
    },

    async probe(callOptions) {
      await requestOnce(client, 'GET', PROBE_PATH, undefined, callOptions, callDefaults);
    },

    async sendCompletion(request, callOptions = {}) {
      const body = buildAnthropicRequest(request, buildOptions(false));
      const response = await requestOnce<unknown>(
        client,
        'POST',
        MESSAGES_PATH,
        body,
        callOptions,
        callDefaults,
      );
      if (!isMessage(response.body)) {
        throw new ConnectorError('parse', 'The response is not a Messages API message.', {
          providerId: PROVIDER_ID,
          model: request.model,
          status: response.status,
        });
      }
      return mapAnthropicResponse(response.body, parseRateLimitHeaders(response.headers));
    },

    // a generator sends nothing until the first `next()`, as the contract requires
    streamCompletion: (request, callOptions = {}) => stream(request, callOptions),

    async countTokens(request, callOptions = {}): Promise<TokenCount> {
      const body = buildAnthropicCountTokensRequest(request);
      const response = await requestOnce<unknown>(
        client,
        'POST',
        COUNT_TOKENS_PATH,
        body,
        callOptions,
        callDefaults,
      );
      const inputTokens = inputTokensOf(response.body);
      if (inputTokens === undefined) {
        throw new ConnectorError('parse', 'The token count has no input_tokens.', {
          providerId: PROVIDER_ID,
          model: request.model,
          status: response.status,
        });
      }
      return { inputTokens, exact: true, provider: PROVIDER_ID, model: request.model };
    },

    // dated snapshots and `-latest` aliases find their alias's entry (`claude-sonnet-4-5-20250929`)
    resolveModel: (model, metadata) => findCatalogModel(model, metadata.models),

    validateConfig: (candidate) => anthropicConfig.check(candidate),

    close: () => client.close(),
  });
}
