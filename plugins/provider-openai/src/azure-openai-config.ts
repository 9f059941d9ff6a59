import { defineProviderConfig, type ProviderConfig } from '@hub/core';
import { callDeadlineFields } from '@hub/provider-utils';
import { z } from 'zod';
import { REMOVED_MAX_RETRIES } from './openai-config.js';

const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Returns a Microsoft Entra ID access token (scope `https://cognitiveservices.azure.com/.default`),
 * called before every request so expiring tokens are refreshed by whoever issues them (for
 * example `getBearerTokenProvider(credential, scope)` from `@azure/identity`, which caches).
 */
export type AzureTokenProvider = (signal?: AbortSignal) => Promise<string>;

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === ''
  );
}

const schema = z
  .object({
    providerId: z
      .string()
      .regex(PROVIDER_ID, 'must match [a-z0-9][a-z0-9._-]* (for example "azure-openai")')
      .default('azure-openai'),
    endpoint: z
      .string({ error: 'is required: pass endpoint or set AZURE_OPENAI_ENDPOINT' })
      .refine(isHttpUrl, 'must be the resource URL, such as https://my-resource.openai.azure.com'),
    apiVersion: z.string().trim().min(1, 'must not be empty when set').optional(),
    deployments: z
      .record(z.string().min(1), z.string().trim().min(1, 'deployment names must not be empty'), {
        error: 'is required: map each model id to its deployment name, e.g. { "gpt-4o": "my-gpt4o" }',
      })
      .refine((value) => Object.keys(value).length > 0, 'must name at least one deployment'),
    apiKey: z.string().trim().min(1, 'must not be empty when set').optional(),
    tokenProvider: z
      .custom<AzureTokenProvider>(
        (value) => typeof value === 'function',
        'must be a function returning a token',
      )
      .optional(),
    useV1Api: z.boolean().default(false),
    timeoutSecs: z
      .number({ error: 'must be a number of seconds' })
      .positive('must be a positive number of seconds')
      .default(600),
    ...callDeadlineFields,
    api: z.enum(['chat', 'responses'], { error: 'must be "chat" or "responses"' }).optional(),
    // removed in 0.2; refused with a reason rather than silently ignored
    maxRetries: z.never({ error: REMOVED_MAX_RETRIES }).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((config, context) => {
    if (config.apiKey === undefined && config.tokenProvider === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['apiKey'],
        message: 'is required unless tokenProvider is given: pass apiKey or set AZURE_OPENAI_API_KEY',
      });
    }
    if (config.apiKey !== undefined && config.tokenProvider !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['tokenProvider'],
        message: 'give either apiKey or tokenProvider, not both',
      });
    }
    if (!config.useV1Api && config.apiVersion === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['apiVersion'],
        message:
          'is required for deployment URLs: pass apiVersion (e.g. "2024-10-21"), set AZURE_OPENAI_API_VERSION, or use useV1Api',
      });
    }
  });

/** The validated Azure OpenAI configuration. */
export type AzureOpenAIConfig = z.output<typeof schema>;

/** What `azureOpenAI()` accepts before defaults and environment variables are applied. */
export type AzureOpenAIConfigInput = z.input<typeof schema>;

/**
 * The Azure OpenAI provider's configuration.
 *
 * | field | env var | default |
 * | --- | --- | --- |
 * | `endpoint` (required) | `AZURE_OPENAI_ENDPOINT` | — |
 * | `apiVersion` (required unless `useV1Api`) | `AZURE_OPENAI_API_VERSION` | — |
 * | `deployments` (required) | — | — (`{ [model]: deployment }`) |
 * | `apiKey` (secret) or `tokenProvider` | `AZURE_OPENAI_API_KEY` | — |
 * | `useV1Api` | — | false |
 * | `timeoutSecs` | — | 600 |
 * | `timeoutMs`, `firstByteTimeoutMs`, `idleTimeoutMs` | — | none, `timeoutSecs`, `timeoutSecs` |
 * | `api` | — | per model: `responses` for models served only there, else `chat` |
 * | `providerId` | — | `azure-openai` |
 */
export const azureOpenAIConfig: ProviderConfig<AzureOpenAIConfig> = defineProviderConfig({
  providerId: 'azure-openai',
  schema,
  env: [
    {
      name: 'AZURE_OPENAI_ENDPOINT',
      field: 'endpoint',
      type: 'string',
      description: 'Resource URL, such as https://my-resource.openai.azure.com.',
    },
    {
      name: 'AZURE_OPENAI_API_KEY',
      field: 'apiKey',
      type: 'string',
      secret: true,
      description: 'Resource key, sent as the api-key header.',
    },
    {
      name: 'AZURE_OPENAI_API_VERSION',
      field: 'apiVersion',
      type: 'string',
      description: 'api-version query parameter of deployment URLs (e.g. 2024-10-21).',
    },
  ],
  secretFields: ['apiKey', 'headers'],
});
