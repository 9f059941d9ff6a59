import { defineProviderConfig, type ProviderConfig } from '@hub/core';
import { callDeadlineFields } from '@hub/provider-utils';
import { z } from 'zod';

/** The API version sent in `anthropic-version` unless configured otherwise. */
export const ANTHROPIC_API_VERSION = '2023-06-01';

/** Where requests go unless `baseUrl` or `ANTHROPIC_BASE_URL` says otherwise. */
export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    // the value is not echoed: a URL may carry credentials in its query string
    message: 'must be an absolute http:// or https:// URL',
  });

const schema = z
  .object({
    apiKey: z
      .string({ error: 'is required: pass apiKey or set ANTHROPIC_API_KEY' })
      .trim()
      .min(1, 'is required: pass apiKey or set ANTHROPIC_API_KEY'),
    baseUrl: httpUrl.default(ANTHROPIC_DEFAULT_BASE_URL),
    version: z
      .string()
      .trim()
      .min(1, 'must be a non-empty API version such as 2023-06-01')
      .default(ANTHROPIC_API_VERSION),
    beta: z
      .union([z.string().trim().min(1), z.array(z.string().trim().min(1))], {
        error: 'must be a beta name or an array of beta names',
      })
      .optional(),
    ...callDeadlineFields,
    defaultMaxTokens: z.number().int().positive('must be a positive integer').optional(),
  })
  .strict();

/**
 * Options of `anthropic()` and `createAnthropicProvider()`. Every field may be left out where
 * the environment or a default supplies it.
 */
export interface AnthropicOptions {
  /** API key sent as `x-api-key`. Default: `ANTHROPIC_API_KEY`; required one way or the other. */
  readonly apiKey?: string;
  /**
   * Base URL without `/v1` (the paths `/v1/messages` and `/v1/models` are appended), as the
   * official SDKs take it. Default: `ANTHROPIC_BASE_URL`, else `https://api.anthropic.com`.
   */
  readonly baseUrl?: string;
  /** The `anthropic-version` header. Default `2023-06-01`. */
  readonly version?: string;
  /** Beta features, sent comma-separated in `anthropic-beta`. Default: none. */
  readonly beta?: string | readonly string[];
  /**
   * Default deadline of a whole call in milliseconds, until the last byte (for streams: the
   * stream's end); a call's own `CallOptions.timeoutMs` wins. Default: none.
   */
  readonly timeoutMs?: number;
  /**
   * Default deadline for the response headers in milliseconds; a call's own
   * `CallOptions.firstByteTimeoutMs` wins. Default: none (undici's 300 s backstop).
   */
  readonly firstByteTimeoutMs?: number;
  /**
   * Default longest gap between two stream events (or reads of a response body) in milliseconds;
   * a call's own `CallOptions.idleTimeoutMs` wins. Default: none (undici's 300 s backstop).
   */
  readonly idleTimeoutMs?: number;
  /**
   * `max_tokens` for requests without `maxTokens`. Default: the model's maximum output from the
   * catalog, else 4096.
   */
  readonly defaultMaxTokens?: number;
}

/** A validated Anthropic configuration, defaults applied. */
export type AnthropicConfig = z.output<typeof schema>;

/**
 * The Anthropic provider's configuration: the zod schema, the environment variables `fromEnv()`
 * reads (`ANTHROPIC_API_KEY`, secret; `ANTHROPIC_BASE_URL`) and redaction of `apiKey` in
 * `toConfigMap()`.
 *
 * Fields:
 * - `apiKey` (required): sent as `x-api-key`.
 * - `baseUrl`: default `https://api.anthropic.com`; `/v1/messages` and `/v1/models` are appended.
 * - `version`: the `anthropic-version` header, default `2023-06-01`.
 * - `beta`: names sent comma-separated in `anthropic-beta` (for example
 *   `interleaved-thinking-2025-05-14`).
 * - `timeoutMs`, `firstByteTimeoutMs`, `idleTimeoutMs`: default deadlines of a call (whole call,
 *   response headers, longest gap between events), each overridden by the call's `CallOptions`;
 *   every expiry fails the call with `timeout` and closes the connection, mid-stream too.
 * - `defaultMaxTokens`: `max_tokens` for requests that set no `maxTokens`, before the model
 *   catalog's maximum output is used.
 */
export const anthropicConfig: ProviderConfig<AnthropicConfig> = defineProviderConfig<AnthropicConfig>({
  providerId: 'anthropic',
  schema,
  env: [
    {
      name: 'ANTHROPIC_API_KEY',
      field: 'apiKey',
      type: 'string',
      secret: true,
      description: 'Anthropic API key, sent as the x-api-key header.',
    },
    {
      name: 'ANTHROPIC_BASE_URL',
      field: 'baseUrl',
      type: 'string',
      description: 'Base URL of the Anthropic API (default https://api.anthropic.com).',
    },
  ],
  secretFields: ['apiKey'],
});
