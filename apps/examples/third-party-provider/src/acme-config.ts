import { defineProviderConfig } from '@hub/core';
import { z } from 'zod';

/** Validated Acme settings. */
export interface AcmeConfig {
  readonly apiKey: string;
  readonly baseUrl: string;
}

/** Acme's configuration: `ACME_API_KEY` (secret) and `ACME_BASE_URL`. */
export const acmeConfig = defineProviderConfig<AcmeConfig>({
  providerId: 'acme',
  schema: z.object({
    apiKey: z.string().min(1, 'is required (set ACME_API_KEY or pass apiKey)'),
    baseUrl: z.string().url('must be an absolute URL').default('https://api.acme.example'),
  }),
  env: [
    { name: 'ACME_API_KEY', field: 'apiKey', type: 'string', secret: true, description: 'Acme API key' },
    { name: 'ACME_BASE_URL', field: 'baseUrl', type: 'string', description: 'Acme API base URL' },
  ],
});
