import { defineProviderConfig, type ProviderConfig } from '@hub/core';
import { callDeadlineFields } from '@hub/provider-utils';
import { z } from 'zod';

/** Where requests go unless `baseUrl` / `OPENAI_BASE_URL` says otherwise. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;

/** Why `maxRetries` is refused: the provider no longer retries on its own. */
export const REMOVED_MAX_RETRIES =
  'was removed: retries belong to @hub/middleware-retry (one backoff and jitter policy); drop the option and register retry middleware';

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
  );
}

const schema = z.object({
  providerId: z
    .string()
    .regex(PROVIDER_ID, 'must match [a-z0-9][a-z0-9._-]* (for example "openai")')
    .default('openai'),
  apiKey: z
    .string({ error: 'is required: pass apiKey or set OPENAI_API_KEY' })
    .trim()
    .min(1, 'is required: pass apiKey or set OPENAI_API_KEY'),
  baseUrl: z
    .string({ error: 'must be a URL string' })
    // the value is not echoed: a mistyped URL may carry a key
    .refine(
      isHttpUrl,
      'must be an absolute http:// or https:// URL without credentials, such as https://api.openai.com/v1',
    )
    .default(OPENAI_DEFAULT_BASE_URL),
  organization: z.string().trim().min(1, 'must not be empty when set').optional(),
  project: z.string().trim().min(1, 'must not be empty when set').optional(),
  timeoutSecs: z
    .number({ error: 'must be a number of seconds' })
    .positive('must be a positive number of seconds')
    .default(600),
  ...callDeadlineFields,
  api: z.enum(['chat', 'responses'], { error: 'must be "chat" or "responses"' }).optional(),
  // removed in 0.2; refused with a reason rather than silently ignored
  maxRetries: z.never({ error: REMOVED_MAX_RETRIES }).optional(),
  headers: z.record(z.string(), z.string({ error: 'header values must be strings' })).optional(),
});

/** The validated OpenAI configuration. */
export type OpenAIConfig = z.output<typeof schema>;

/** What `openai()` accepts before defaults and environment variables are applied. */
export type OpenAIConfigInput = z.input<typeof schema>;

/**
 * The OpenAI provider's configuration: schema, environment variables and redaction rules.
 *
 * | field | env var | default |
 * | --- | --- | --- |
 * | `apiKey` (secret, required) | `OPENAI_API_KEY` | — |
 * | `baseUrl` | `OPENAI_BASE_URL` | `https://api.openai.com/v1` |
 * | `organization` | `OPENAI_ORGANIZATION` | — (sent as `OpenAI-Organization`) |
 * | `project` | `OPENAI_PROJECT` | — (sent as `OpenAI-Project`) |
 * | `timeoutSecs` | `OPENAI_TIMEOUT_SECS` | 600: longest wait for headers and between stream chunks |
 * | `timeoutMs`, `firstByteTimeoutMs`, `idleTimeoutMs` | — | none, `timeoutSecs`, `timeoutSecs` |
 * | `api` | — | per model: `responses` for models served only there, else `chat` |
 * | `providerId` | — | `openai` |
 * | `headers` | — | extra headers on every request |
 */
export const openAIConfig: ProviderConfig<OpenAIConfig> = defineProviderConfig({
  providerId: 'openai',
  schema,
  env: [
    { name: 'OPENAI_API_KEY', field: 'apiKey', type: 'string', secret: true, description: 'OpenAI API key.' },
    {
      name: 'OPENAI_BASE_URL',
      field: 'baseUrl',
      type: 'string',
      description: 'API base URL (proxies, gateways).',
    },
    {
      name: 'OPENAI_ORGANIZATION',
      field: 'organization',
      type: 'string',
      description: 'Organization id, sent as OpenAI-Organization.',
    },
    {
      name: 'OPENAI_PROJECT',
      field: 'project',
      type: 'string',
      description: 'Project id, sent as OpenAI-Project.',
    },
    {
      name: 'OPENAI_TIMEOUT_SECS',
      field: 'timeoutSecs',
      type: 'number',
      description: 'Longest wait for response headers and between stream chunks, in seconds.',
    },
  ],
  secretFields: ['apiKey', 'headers'],
});
