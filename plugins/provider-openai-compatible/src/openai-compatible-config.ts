import { defineProviderConfig, type ProviderConfig } from '@hub/core';
import { REMOVED_MAX_RETRIES } from '@hub/provider-openai/internal';
import { callDeadlineFields } from '@hub/provider-utils';
import { z } from 'zod';
import { OPENAI_COMPATIBLE_PRESETS, type OpenAICompatiblePresetName } from './openai-compatible-presets.js';

const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;
const PRESET_NAMES = Object.keys(OPENAI_COMPATIBLE_PRESETS) as [
  OpenAICompatiblePresetName,
  ...OpenAICompatiblePresetName[],
];

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
  );
}

const schema = z
  .object({
    preset: z.enum(PRESET_NAMES, { error: `must be one of ${PRESET_NAMES.join(', ')}` }).optional(),
    providerId: z
      .string()
      .regex(PROVIDER_ID, 'must match [a-z0-9][a-z0-9._-]* (for example "groq")')
      .optional(),
    baseUrl: z
      .string({ error: 'must be a URL string' })
      // the value is not echoed: a mistyped URL may carry a key
      .refine(
        isHttpUrl,
        'must be an absolute http:// or https:// URL without credentials, such as http://127.0.0.1:11434/v1',
      )
      .optional(),
    apiKey: z.string().trim().min(1, 'must not be empty when set').optional(),
    headers: z.record(z.string(), z.string({ error: 'header values must be strings' })).optional(),
    timeoutSecs: z
      .number({ error: 'must be a number of seconds' })
      .positive('must be a positive number of seconds')
      .default(600),
    ...callDeadlineFields,
    // removed in 0.2; refused with a reason rather than silently ignored
    maxRetries: z.never({ error: REMOVED_MAX_RETRIES }).optional(),
    listModels: z.boolean().default(true),
  })
  .superRefine((config, context) => {
    if (config.preset === undefined) {
      if (config.providerId === undefined) {
        context.addIssue({ code: 'custom', path: ['providerId'], message: 'is required without a preset' });
      }
      if (config.baseUrl === undefined) {
        context.addIssue({ code: 'custom', path: ['baseUrl'], message: 'is required without a preset' });
      }
      return;
    }
    const preset = OPENAI_COMPATIBLE_PRESETS[config.preset];
    if (preset.requiresApiKey && config.apiKey === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['apiKey'],
        message: `is required for ${config.preset}: pass apiKey or set ${preset.apiKeyEnv}`,
      });
    }
  });

/** The validated configuration of an OpenAI-compatible provider. */
export type OpenAICompatibleConfig = z.output<typeof schema>;

/** What `openaiCompatible()` accepts (besides models, quirks and the dispatcher). */
export type OpenAICompatibleConfigInput = z.input<typeof schema>;

/**
 * The configuration of an OpenAI-compatible provider: a `preset` (or `providerId` and `baseUrl`
 * for any other server), the key (read from the preset's variable, e.g. `GROQ_API_KEY`, when not
 * given; local servers need none), extra headers, the deadlines (`timeoutSecs`, default 600, stands
 * in for `firstByteTimeoutMs` and `idleTimeoutMs`; `timeoutMs` has no default) and `listModels`
 * (default true: merge `GET /models` into metadata).
 */
export const openAICompatibleConfig: ProviderConfig<OpenAICompatibleConfig> = defineProviderConfig({
  providerId: 'openai-compatible',
  schema,
  env: [],
  secretFields: ['apiKey', 'headers'],
});
