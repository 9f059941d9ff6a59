import { defineProviderConfig } from '@hub/core';
import { z } from 'zod';

/** Validated Acme settings. */
export interface AcmeConfig {
  readonly apiKey: string;
  readonly baseUrl: string;
  /** Default whole-call deadline in milliseconds (a call's `CallOptions.timeoutMs` wins). */
  readonly timeoutMs?: number | undefined;
  /** Default deadline for the response headers in milliseconds. */
  readonly firstByteTimeoutMs?: number | undefined;
  /** Default longest wait for the next stream line (or piece of a body) in milliseconds. */
  readonly idleTimeoutMs?: number | undefined;
}

/** What `acme()` accepts: every field optional (the key may come from `ACME_API_KEY`). */
export type AcmeOptions = { readonly [Field in keyof AcmeConfig]?: AcmeConfig[Field] | undefined };

/** Acme's configuration: `ACME_API_KEY` (secret) and `ACME_BASE_URL`. */
export const acmeConfig = defineProviderConfig<AcmeConfig>({
  providerId: 'acme',
  schema: z.object({
    apiKey: z.string().min(1, 'is required (set ACME_API_KEY or pass apiKey)'),
    baseUrl: z.string().url('must be an absolute URL').default('https://api.acme.example'),
    timeoutMs: z.number().int().positive('must be a positive number of milliseconds').optional(),
    firstByteTimeoutMs: z.number().int().positive('must be a positive number of milliseconds').optional(),
    idleTimeoutMs: z.number().int().positive('must be a positive number of milliseconds').optional(),
  }),
  env: [
    { name: 'ACME_API_KEY', field: 'apiKey', type: 'string', secret: true, description: 'Acme API key' },
    { name: 'ACME_BASE_URL', field: 'baseUrl', type: 'string', description: 'Acme API base URL' },
  ],
});
