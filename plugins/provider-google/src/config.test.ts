import { describe, expect, it } from 'vitest';
import { googleConfig } from './google-config.js';
import { vertexConfig } from './vertex-config.js';

describe('provider configurations', () => {
  it('redacts the API key, credentials and token provider in config maps', () => {
    const google = googleConfig.validate({ apiKey: 'AIza-secret-key' });
    expect(googleConfig.toConfigMap(google)).toEqual({
      apiKey: '[REDACTED]',
      baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
      embeddingConcurrency: 4,
      schemaFormat: 'json-schema',
    });
    const vertex = vertexConfig.validate({
      project: 'my-project',
      credentials: { type: 'service_account', private_key: '-----BEGIN PRIVATE KEY-----' },
    });
    const map = vertexConfig.toConfigMap(vertex);
    expect(JSON.stringify(map)).not.toContain('PRIVATE KEY');
    expect(map).toMatchObject({ project: 'my-project', location: 'us-central1', apiVersion: 'v1' });
  });

  it('reads the documented environment variables', () => {
    expect(
      googleConfig.fromEnv({ GEMINI_API_KEY: 'g', GOOGLE_API_KEY: 'k', GOOGLE_GEMINI_BASE_URL: ' ' }),
    ).toEqual({ apiKey: 'k' });
    expect(vertexConfig.fromEnv({ GOOGLE_CLOUD_PROJECT: 'p', GOOGLE_CLOUD_LOCATION: 'global' })).toEqual({
      project: 'p',
      location: 'global',
    });
  });
});
