import { ConfigError, createHub } from '@hub/core';
import { fixtureReader } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { converseJson, createFakeBedrock, type FakeBedrock } from './__fixtures__/fake-bedrock.js';
import { bedrockConfig } from './bedrock-config.js';
import { BEDROCK_PLUGIN_NAME, bedrock } from './bedrock-plugin.js';

const fixtures = fixtureReader(new URL('./__fixtures__/', import.meta.url));

const IDENTITY = { accessKeyId: 'AKIDPLUGINTEST', secretAccessKey: 'plugin-test-secret-0123456789' };

describe('bedrock plugin', () => {
  let fake: FakeBedrock | undefined;
  afterEach(async () => {
    await fake?.close();
    vi.unstubAllEnvs();
  });

  it('validates options when the factory runs, before any I/O', () => {
    vi.stubEnv('AWS_REGION', '');
    vi.stubEnv('AWS_DEFAULT_REGION', '');
    vi.stubEnv('AWS_BEARER_TOKEN_BEDROCK', '');
    let error: unknown;
    try {
      bedrock({ credentials: IDENTITY });
    } catch (thrown) {
      error = thrown;
    }
    expect(ConfigError.isConfigError(error)).toBe(true);
    expect((error as ConfigError).path).toBe('region');
  });

  it('registers the aws-bedrock provider with a hub, which finds prices for profile ids', async () => {
    fake = await createFakeBedrock('us-east-1');
    fake.allow(IDENTITY);
    fake.enqueue(converseJson(fixtures.json('converse-response-text.json')));
    const plugin = bedrock({ region: 'us-east-1', endpoint: fake.url, credentials: IDENTITY });
    expect(plugin.name).toBe(BEDROCK_PLUGIN_NAME);
    const hub = createHub({ plugins: [plugin] });
    try {
      const response = await hub.complete({
        model: 'aws-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        messages: [{ role: 'user', content: 'Hello' }],
      });
      expect(response).toMatchObject({ provider: 'aws-bedrock', text: 'Hello there!', finishReason: 'stop' });
      expect(fake.verified).toHaveLength(1);
    } finally {
      await hub.close();
    }
  });

  it('redacts credentials and the API key in the printable configuration', () => {
    const config = bedrockConfig.validate({
      region: 'us-east-1',
      credentials: { ...IDENTITY, sessionToken: 'tok-123456789' },
    });
    const printed = JSON.stringify(bedrockConfig.toConfigMap(config));
    expect(printed).not.toContain(IDENTITY.secretAccessKey);
    expect(printed).not.toContain('tok-123456789');
    const keyed = bedrockConfig.toConfigMap(
      bedrockConfig.validate({ region: 'us-east-1', apiKey: 'bedrock-key-0123456789' }),
    );
    expect(keyed.apiKey).toBe('[REDACTED]');
  });
});
