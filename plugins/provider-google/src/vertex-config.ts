import { defineProviderConfig, type ProviderConfig } from '@hub/core';
import { callDeadlineFields } from '@hub/provider-utils';
import { z } from 'zod';
import { DEFAULT_EMBEDDING_CONCURRENCY, MAX_EMBEDDING_CONCURRENCY } from './embedding-concurrency.js';
import type { TokenProvider } from './token-provider.js';

/** The Vertex AI region used when neither `location` nor `GOOGLE_CLOUD_LOCATION` is set. */
export const VERTEX_DEFAULT_LOCATION = 'us-central1';

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    // the value is not echoed: a URL may carry credentials in its query string
    message: 'must be an absolute http:// or https:// URL',
  });

const schema = z
  .object({
    project: z
      .string({ error: 'is required: pass project or set GOOGLE_CLOUD_PROJECT' })
      .trim()
      .min(1, 'is required: pass project or set GOOGLE_CLOUD_PROJECT')
      .regex(/^[a-z0-9][a-z0-9.:-]*$/i, 'must be a Google Cloud project id (letters, digits, -, . and :)'),
    location: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+$/, "must be a Vertex AI location such as us-central1, europe-west4 or 'global'")
      .default(VERTEX_DEFAULT_LOCATION),
    credentials: z
      .record(z.string(), z.unknown(), {
        error: 'must be a credentials JSON object (for example a service account key)',
      })
      .optional(),
    tokenProvider: z
      .custom<TokenProvider>((value) => typeof value === 'function', {
        message: 'must be a function (signal) => Promise<{ token, expiresAt }>',
      })
      .optional(),
    baseUrl: httpUrl.optional(),
    apiVersion: z.enum(['v1', 'v1beta1'], { error: "must be 'v1' or 'v1beta1'" }).default('v1'),
    ...callDeadlineFields,
    embeddingConcurrency: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(MAX_EMBEDDING_CONCURRENCY, `must be at most ${MAX_EMBEDDING_CONCURRENCY}`)
      .default(DEFAULT_EMBEDDING_CONCURRENCY),
    schemaFormat: z
      .enum(['json-schema', 'openapi'], { error: "must be 'json-schema' or 'openapi'" })
      .default('json-schema'),
    healthCheckModel: z.string().trim().min(1).default('gemini-2.5-flash'),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.credentials !== undefined && value.tokenProvider !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['tokenProvider'],
        message: 'pass either credentials or tokenProvider, not both',
      });
    }
  });

/** Options of `vertex()` and `createVertexProvider()`, before defaults are applied. */
export type VertexOptions = z.input<typeof schema>;

/** A validated Vertex AI configuration, defaults applied. */
export type VertexConfig = z.output<typeof schema>;

/**
 * The Vertex AI provider's configuration (provider id `google-vertex`): the zod schema, the
 * environment variables `fromEnv()` reads and redaction of `credentials` / `tokenProvider` in
 * `toConfigMap()`.
 *
 * Fields:
 * - `project` (required, `GOOGLE_CLOUD_PROJECT`): the Google Cloud project id.
 * - `location`: default `us-central1` (`GOOGLE_CLOUD_LOCATION`); `global` uses
 *   `https://aiplatform.googleapis.com`, any region `https://{location}-aiplatform.googleapis.com`.
 * - `credentials`: a credentials JSON object for `google-auth-library` (service account key…);
 *   absent, Application Default Credentials are discovered.
 * - `tokenProvider`: `(signal) => Promise<{ token, expiresAt }>`, replacing `google-auth-library`
 *   entirely (which is then never loaded). Not together with `credentials`.
 * - `baseUrl`: replaces `https://{host}/{apiVersion}` (a private endpoint, a proxy, a test server).
 * - `apiVersion`: `v1` (default) or `v1beta1`.
 * - `timeoutMs`, `firstByteTimeoutMs`, `idleTimeoutMs`: default deadlines of a call (whole call,
 *   fetching credentials included; response headers; longest gap between stream events), each
 *   overridden by the call's `CallOptions`; every expiry fails the call with `timeout` and closes
 *   the connection, mid-stream too.
 * - `embeddingConcurrency`: most embedding requests of one `embed` call in flight at once (1–16,
 *   default 4), when its inputs take more than one request.
 * - `schemaFormat`: `json-schema` (default) or `openapi` (see `GeminiSchemaFormat`).
 * - `healthCheckModel`: the model `probe()` counts tokens with; default `gemini-2.5-flash`.
 */
export const vertexConfig: ProviderConfig<VertexConfig> = defineProviderConfig<VertexConfig>({
  providerId: 'google-vertex',
  schema: schema as unknown as z.ZodType<VertexConfig>,
  env: [
    {
      name: 'GOOGLE_CLOUD_PROJECT',
      field: 'project',
      type: 'string',
      description: 'Google Cloud project id whose Vertex AI is called.',
    },
    {
      name: 'GOOGLE_CLOUD_LOCATION',
      field: 'location',
      type: 'string',
      description: "Vertex AI location (default us-central1; 'global' for the global endpoint).",
    },
  ],
  secretFields: ['credentials', 'tokenProvider'],
});
