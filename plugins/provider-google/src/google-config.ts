import { defineProviderConfig, type ProviderConfig } from '@hub/core';
import { callDeadlineFields } from '@hub/provider-utils';
import { z } from 'zod';
import { DEFAULT_EMBEDDING_CONCURRENCY, MAX_EMBEDDING_CONCURRENCY } from './embedding-concurrency.js';

/** Where Gemini API requests go unless `baseUrl` or `GOOGLE_GEMINI_BASE_URL` says otherwise. */
export const GOOGLE_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

const KEY_QUERY = /[?&]key=/i;

const baseUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    // the value is not echoed: a URL may carry credentials in its query string
    message: 'must be an absolute http:// or https:// URL',
  })
  .refine((value) => !KEY_QUERY.test(value), {
    message: 'must not carry the API key (?key=…): pass apiKey, which is sent in the x-goog-api-key header',
  });

const schema = z
  .object({
    apiKey: z
      .string({ error: 'is required: pass apiKey or set GOOGLE_API_KEY (or GEMINI_API_KEY)' })
      .trim()
      .min(1, 'is required: pass apiKey or set GOOGLE_API_KEY (or GEMINI_API_KEY)')
      .refine((value) => !/[\r\n]/.test(value), { message: 'must not contain line breaks' }),
    baseUrl: baseUrl.default(GOOGLE_DEFAULT_BASE_URL),
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
  })
  .strict();

/** Options of `google()` and `createGoogleProvider()`, before defaults are applied. */
export type GoogleOptions = z.input<typeof schema>;

/** A validated Gemini API configuration, defaults applied. */
export type GoogleConfig = z.output<typeof schema>;

/**
 * The Gemini API provider's configuration (provider id `google`): the zod schema, the
 * environment variables `fromEnv()` reads and redaction of `apiKey` in `toConfigMap()`.
 *
 * Fields:
 * - `apiKey` (required): sent in the `x-goog-api-key` header, never in the URL. From
 *   `GOOGLE_API_KEY` or `GEMINI_API_KEY`; when both are set `GOOGLE_API_KEY` wins, as in
 *   Google's SDKs.
 * - `baseUrl`: default `https://generativelanguage.googleapis.com/v1beta`
 *   (`GOOGLE_GEMINI_BASE_URL`); `/models/{model}:generateContent` is appended. A `?key=` query
 *   is rejected.
 * - `timeoutMs`, `firstByteTimeoutMs`, `idleTimeoutMs`: default deadlines of a call (whole call,
 *   fetching credentials included; response headers; longest gap between stream events), each
 *   overridden by the call's `CallOptions`; every expiry fails the call with `timeout` and closes
 *   the connection, mid-stream too.
 * - `embeddingConcurrency`: most embedding requests of one `embed` call in flight at once (1–16,
 *   default 4), when its inputs take more than one request.
 * - `schemaFormat`: `json-schema` (default) or `openapi` (see `GeminiSchemaFormat`).
 */
export const googleConfig: ProviderConfig<GoogleConfig> = defineProviderConfig<GoogleConfig>({
  providerId: 'google',
  schema: schema as unknown as z.ZodType<GoogleConfig>,
  env: [
    // listed before GOOGLE_API_KEY so that the latter, read last, wins when both are set
    {
      name: 'GEMINI_API_KEY',
      field: 'apiKey',
      type: 'string',
      secret: true,
      description: 'Gemini API key (used when GOOGLE_API_KEY is not set), sent as x-goog-api-key.',
    },
    {
      name: 'GOOGLE_API_KEY',
      field: 'apiKey',
      type: 'string',
      secret: true,
      description: 'Gemini API key, sent as x-goog-api-key.',
    },
    {
      name: 'GOOGLE_GEMINI_BASE_URL',
      field: 'baseUrl',
      type: 'string',
      description: 'Base URL of the Gemini API (default https://generativelanguage.googleapis.com/v1beta).',
    },
  ],
  secretFields: ['apiKey'],
});
