import type { LLMProvider } from '@hub/core';
import { createHttpClient } from '@hub/provider-utils';
import { AccessTokenCache } from './access-token-cache.js';
import { applicationDefaultCredentials, type GoogleAuthLibrary } from './application-default-credentials.js';
import type { VertexCountTokensRequest } from './gemini-embedding-wire-types.js';
import { createGeminiProvider, type GeminiGrant } from './internal/create-gemini-provider.js';
import { mapGeminiError } from './map-gemini-error.js';
import { vertexBaseUrl } from './vertex-base-url.js';
import { type VertexOptions, vertexConfig } from './vertex-config.js';
import { vertexEmbeddingWire } from './vertex-embedding-wire.js';
import { VERTEX_MODEL_CATALOG } from './vertex-model-catalog.js';

const PROVIDER_ID = 'google-vertex';
const PING = [{ role: 'user' as const, parts: [{ text: 'ping' }] }];

/** Seams for tests and special set-ups; ordinary applications pass none. */
export interface VertexProviderHooks {
  /** The environment to read; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The clock of the token cache, in epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /** Loads `google-auth-library`; default a dynamic `import()`. */
  readonly loadAuthLibrary?: () => Promise<GoogleAuthLibrary>;
}

/**
 * Creates the Vertex AI provider (provider id `google-vertex`) from options over the environment
 * (`GOOGLE_CLOUD_PROJECT`, `GOOGLE_CLOUD_LOCATION`). Requests go to
 * `https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent`
 * (`aiplatform.googleapis.com` for `global`) with `Authorization: Bearer <token>`; embeddings to
 * the model's `:predict` (250 inputs and about 20,000 tokens per request, one input for
 * `gemini-embedding-*`), token counts to `:countTokens`.
 *
 * Tokens come from `tokenProvider`, or else from Application Default Credentials through
 * `google-auth-library`, imported only when the first token is needed. They are cached and
 * refreshed when less than 60 s remain; concurrent refreshes coalesce into one fetch; a 401 to a
 * cached token drops it and retries the request once. A model id with a slash is taken as a path
 * below the location (`endpoints/123`, `publishers/meta/models/…`).
 *
 * `getMetadata()` answers from `VERTEX_MODEL_CATALOG` (Vertex AI's publisher model list reports
 * no token limits); `probe()` counts the tokens of a one-word prompt (free of charge).
 *
 * @param options - See `VertexOptions`; explicit options win over the environment.
 * @param hooks - Environment, clock and library loader overrides.
 * @throws ConfigError naming every invalid field, before any I/O.
 */
export function createVertexProvider(
  options: Partial<VertexOptions> = {},
  hooks: VertexProviderHooks = {},
): LLMProvider {
  const config = vertexConfig.resolve(options, hooks.env ?? process.env);
  const tokenProvider =
    config.tokenProvider ??
    applicationDefaultCredentials({
      providerId: PROVIDER_ID,
      ...(config.credentials !== undefined && { credentials: config.credentials }),
      ...(hooks.loadAuthLibrary !== undefined && { loadLibrary: hooks.loadAuthLibrary }),
    });
  const tokens = new AccessTokenCache(tokenProvider, {
    providerId: PROVIDER_ID,
    ...(hooks.now !== undefined && { now: hooks.now }),
  });
  const client = createHttpClient({
    providerId: PROVIDER_ID,
    baseUrl: config.baseUrl ?? vertexBaseUrl(config.location, config.apiVersion),
    mapError: (failure) => mapGeminiError(failure, PROVIDER_ID),
  });
  const locationPath = `/projects/${encodeURIComponent(config.project)}/locations/${config.location}`;

  return createGeminiProvider({
    providerId: PROVIDER_ID,
    displayName: 'Google Vertex AI',
    apiVersion: config.apiVersion,
    client,
    config: vertexConfig,
    schemaFormat: config.schemaFormat,
    deadlines: {
      timeoutMs: config.timeoutMs,
      firstByteTimeoutMs: config.firstByteTimeoutMs,
      idleTimeoutMs: config.idleTimeoutMs,
    },
    catalog: VERTEX_MODEL_CATALOG,
    embedding: vertexEmbeddingWire,
    embeddingConcurrency: config.embeddingConcurrency,
    modelPath: (model) =>
      model.includes('/') ? `${locationPath}/${model}` : `${locationPath}/publishers/google/models/${model}`,
    // Vertex AI's countTokens takes these fields at the top level and refuses the others
    // (`toolConfig`, `safetySettings`, `labels`)
    countTokensBody: (body): VertexCountTokensRequest => ({
      contents: body.contents,
      ...(body.systemInstruction !== undefined && { systemInstruction: body.systemInstruction }),
      ...(body.tools !== undefined && { tools: body.tools }),
      ...(body.generationConfig !== undefined && { generationConfig: body.generationConfig }),
    }),
    probeCall: (modelPath) => ({
      method: 'POST',
      path: `${modelPath(config.healthCheckModel)}:countTokens`,
      body: { contents: PING },
    }),
    async authorize(signal): Promise<GeminiGrant> {
      const token = await tokens.get(signal);
      return {
        headers: { authorization: `Bearer ${token}` },
        secrets: [token],
        rejected: () => {
          tokens.invalidate(token);
          return true;
        },
      };
    },
  });
}
