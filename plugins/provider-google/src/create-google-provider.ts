import { type CallOptions, ConnectorError, type LLMProvider } from '@hub/core';
import { callRequestOptions, createHttpClient, type HttpClient, type ListedModel } from '@hub/provider-utils';
import { geminiEmbeddingWire } from './gemini-embedding-wire.js';
import { GEMINI_MODEL_CATALOG } from './gemini-model-catalog.js';
import type { GeminiModelEntry, GeminiModelList } from './gemini-wire-types.js';
import { type GoogleOptions, googleConfig } from './google-config.js';
import { createGeminiProvider } from './internal/create-gemini-provider.js';
import { mapGeminiError } from './map-gemini-error.js';
import { toListedGeminiModels } from './to-listed-gemini-models.js';

const PROVIDER_ID = 'google';
// the model list is paged; this many pages of 1,000 is far more than Google serves
const MAX_MODEL_PAGES = 10;

async function listModels(client: HttpClient, options: CallOptions): Promise<ListedModel[]> {
  const call = callRequestOptions(PROVIDER_ID, options);
  const entries: GeminiModelEntry[] = [];
  try {
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_MODEL_PAGES; page++) {
      const query = pageToken === undefined ? '' : `&pageToken=${encodeURIComponent(pageToken)}`;
      const response = await client.requestJson<GeminiModelList>({
        method: 'GET',
        path: `/models?pageSize=1000${query}`,
        ...call,
      });
      const models = response.body?.models;
      if (!Array.isArray(models)) {
        throw new ConnectorError('parse', 'The model list has no models array.', { providerId: PROVIDER_ID });
      }
      entries.push(...models);
      pageToken = response.body?.nextPageToken;
      if (typeof pageToken !== 'string' || pageToken === '') break;
    }
  } finally {
    call.deadline.dispose();
  }
  return toListedGeminiModels(entries, GEMINI_MODEL_CATALOG);
}

function modelPath(model: string): string {
  // tuned models live beside `models/`; everything else is a base model id
  if (model.startsWith('tunedModels/') || model.startsWith('models/')) return `/${model}`;
  return `/models/${model}`;
}

/**
 * Creates the Gemini API provider (provider id `google`) from options over the environment
 * (`GOOGLE_API_KEY` / `GEMINI_API_KEY`, `GOOGLE_GEMINI_BASE_URL`). Requests go to
 * `{baseUrl}/models/{model}:generateContent` and `:streamGenerateContent?alt=sse` with the key
 * in the `x-goog-api-key` header (never in the URL, where logs and proxies would see it).
 * Embeddings use `:embedContent` (one input) and `:batchEmbedContents` (100 per request, up to
 * `embeddingConcurrency` requests at once); token counts `:countTokens`. `getMetadata()` merges
 * `GET /models` over `GEMINI_MODEL_CATALOG` (the kit's metadata cache); `probe()` lists one model.
 *
 * @param options - See `GoogleOptions`; explicit options win over the environment.
 * @param env - The environment to read; default `process.env`.
 * @throws ConfigError naming every invalid field, before any I/O.
 */
export function createGoogleProvider(
  options: Partial<GoogleOptions> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): LLMProvider {
  const config = googleConfig.resolve(options, env);
  const client = createHttpClient({
    providerId: PROVIDER_ID,
    baseUrl: config.baseUrl,
    headers: { 'x-goog-api-key': config.apiKey },
    mapError: (failure) => mapGeminiError(failure, PROVIDER_ID),
  });
  return createGeminiProvider({
    providerId: PROVIDER_ID,
    displayName: 'Google Gemini API',
    apiVersion: new URL(config.baseUrl).pathname.split('/').filter(Boolean).at(-1) ?? 'v1beta',
    client,
    config: googleConfig,
    schemaFormat: config.schemaFormat,
    deadlines: {
      timeoutMs: config.timeoutMs,
      firstByteTimeoutMs: config.firstByteTimeoutMs,
      idleTimeoutMs: config.idleTimeoutMs,
    },
    catalog: GEMINI_MODEL_CATALOG,
    embedding: geminiEmbeddingWire,
    embeddingConcurrency: config.embeddingConcurrency,
    modelPath,
    // `generateContentRequest` counts the system instruction and tools; it names its model
    countTokensBody: (body, path) => ({ generateContentRequest: { model: path.slice(1), ...body } }),
    probeCall: () => ({ method: 'GET', path: '/models?pageSize=1' }),
    listModels: (callOptions) => listModels(client, callOptions),
  });
}
