import { afterEach, describe, expect, it, vi } from 'vitest';
import { bedrockConfig } from '../bedrock-config.js';
import { createBedrockAuth } from './create-bedrock-auth.js';
import { loadDefaultCredentialProvider } from './load-default-credential-provider.js';

vi.mock('./load-default-credential-provider.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./load-default-credential-provider.js')>();
  return { loadDefaultCredentialProvider: vi.fn(original.loadDefaultCredentialProvider) };
});

const ENDPOINT = new URL('https://bedrock-runtime.us-east-1.amazonaws.com');
const REQUEST = { method: 'POST', path: '/model/m/converse', query: {}, headers: {}, body: '{}' };

describe('createBedrockAuth', () => {
  afterEach(() => {
    vi.mocked(loadDefaultCredentialProvider).mockClear();
    vi.unstubAllEnvs();
  });

  it('does not load the AWS credential chain when credentials are given', async () => {
    const auth = createBedrockAuth(
      bedrockConfig.validate({
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDGIVEN', secretAccessKey: 's' },
      }),
    )(ENDPOINT);
    const headers = await auth.authorize(REQUEST, undefined);
    expect(headers.authorization).toContain('Credential=AKIDGIVEN/');
    expect(headers.host).toBe('bedrock-runtime.us-east-1.amazonaws.com');
    expect(auth.canRefresh).toBe(false);
    expect(loadDefaultCredentialProvider).not.toHaveBeenCalled();
  });

  it('loads the chain once, on the first request, when no credentials are given', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENVIRONMENT');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'environment-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    const auth = createBedrockAuth(bedrockConfig.validate({ region: 'us-east-1' }))(ENDPOINT);
    expect(loadDefaultCredentialProvider).not.toHaveBeenCalled();
    const headers = await auth.authorize(REQUEST, undefined);
    await auth.authorize(REQUEST, undefined);
    expect(headers.authorization).toContain('Credential=AKIDFROMENVIRONMENT/');
    expect(loadDefaultCredentialProvider).toHaveBeenCalledTimes(1);
    expect(auth.canRefresh).toBe(true);
  });

  it('uses a bearer API key without signing', async () => {
    const auth = createBedrockAuth(
      bedrockConfig.validate({ endpoint: 'https://proxy.example/bedrock', apiKey: 'bedrock-api-key-value' }),
    )(new URL('https://proxy.example/bedrock'));
    expect(await auth.authorize(REQUEST, undefined)).toEqual({
      authorization: 'Bearer bedrock-api-key-value',
    });
    expect(auth.secrets()).toEqual(['bedrock-api-key-value']);
  });
});
