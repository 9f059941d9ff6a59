import { ConfigError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { openAIConfig } from './openai-config.js';
import { createOpenAIProvider } from './openai-provider.js';
import { FAKE_OPENAI_KEY } from './test-support/chat-completions-wire.js';

function issuesOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (ConfigError.isConfigError(error))
      return Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('OpenAI configuration', () => {
  it('reads every OPENAI_* variable, treating empty ones as unset', () => {
    const input = openAIConfig.fromEnv({
      OPENAI_API_KEY: FAKE_OPENAI_KEY,
      OPENAI_BASE_URL: 'https://gateway.example/v1',
      OPENAI_ORGANIZATION: 'org-1',
      OPENAI_PROJECT: ' ',
      OPENAI_TIMEOUT_SECS: '30',
      // no longer read: retries belong to the retry middleware
      OPENAI_MAX_RETRIES: '2',
    });
    expect(openAIConfig.validate(input)).toEqual({
      providerId: 'openai',
      apiKey: FAKE_OPENAI_KEY,
      baseUrl: 'https://gateway.example/v1',
      organization: 'org-1',
      timeoutSecs: 30,
    });
  });

  it('applies defaults', () => {
    expect(openAIConfig.validate({ apiKey: FAKE_OPENAI_KEY })).toMatchObject({
      baseUrl: 'https://api.openai.com/v1',
      timeoutSecs: 600,
      providerId: 'openai',
    });
  });

  it('redacts the key and headers in the printable view', () => {
    const map = openAIConfig.toConfigMap(
      openAIConfig.validate({ apiKey: FAKE_OPENAI_KEY, headers: { 'helicone-auth': 'Bearer secret-value' } }),
    );
    expect(map.apiKey).toBe('[REDACTED]');
    expect(JSON.stringify(map)).not.toContain(FAKE_OPENAI_KEY);
    expect(JSON.stringify(map)).not.toContain('secret-value');
  });

  it('explains a missing key, a malformed base URL and a non-positive timeout, without echoing values', () => {
    const secretUrl = `https//api.openai.com/v1?key=${FAKE_OPENAI_KEY}`;
    const issues = issuesOf(() => createOpenAIProvider({ env: {}, baseUrl: secretUrl, timeoutSecs: 0 }));
    expect(issues).toEqual({
      apiKey: 'is required: pass apiKey or set OPENAI_API_KEY',
      baseUrl: expect.stringContaining('must be an absolute http:// or https:// URL'),
      timeoutSecs: 'must be a positive number of seconds',
    });
    expect(JSON.stringify(issues)).not.toContain(FAKE_OPENAI_KEY);
  });

  it('reports a non-numeric timeout variable on its field', () => {
    const issues = issuesOf(() =>
      createOpenAIProvider({ env: { OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_TIMEOUT_SECS: 'soon' } }),
    );
    expect(Object.keys(issues)).toEqual(['timeoutSecs']);
  });

  it('lets explicit options win over the environment, ignoring undefined ones', () => {
    const provider = createOpenAIProvider({
      apiKey: undefined,
      providerId: 'openai-eu',
      env: { OPENAI_API_KEY: FAKE_OPENAI_KEY },
    });
    expect(provider.providerId).toBe('openai-eu');
  });

  it('takes api "chat" or "responses", and refuses anything else naming the field', () => {
    expect(openAIConfig.validate({ apiKey: FAKE_OPENAI_KEY, api: 'responses' }).api).toBe('responses');
    expect(
      issuesOf(() => createOpenAIProvider({ env: {}, apiKey: FAKE_OPENAI_KEY, api: 'assistants' as 'chat' })),
    ).toEqual({
      api: 'must be "chat" or "responses"',
    });
  });

  it('validateConfig reports issues instead of throwing', () => {
    const provider = createOpenAIProvider({ apiKey: FAKE_OPENAI_KEY, env: {} });
    expect(provider.validateConfig({ apiKey: FAKE_OPENAI_KEY, timeoutSecs: 5 })).toEqual({ ok: true });
    const result = provider.validateConfig({ baseUrl: 'ftp://x', timeoutSecs: -1 });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((issue) => issue.path).sort()).toEqual(['apiKey', 'baseUrl', 'timeoutSecs']);
  });
});
