import { ConfigError, createHub, type StreamChunk } from '@hub/core';
import { createScriptedServer, fixtureReader, type ScriptedServer } from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { anthropicConfig } from './anthropic-config.js';
import { ANTHROPIC_PLUGIN_NAME, anthropic } from './anthropic-plugin.js';

const SECRET = 'sk-ant-api03-PluginTestKey-0123456789abcdefghij';
const fixtures = fixtureReader(new URL('./__fixtures__/', import.meta.url));

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(ConfigError.isConfigError(error)).toBe(true);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('anthropic() plugin factory', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('fails at once, naming apiKey, when no key is configured anywhere', () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    const error = configError(() => anthropic());
    expect(error.path).toBe('apiKey');
    expect(error.message).toContain('ANTHROPIC_API_KEY');
  });

  it('names every invalid field without echoing values', () => {
    const error = configError(() =>
      anthropic({ apiKey: SECRET, baseUrl: 'ftp://files.example.com', timeoutMs: -1, defaultMaxTokens: 1.5 }),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'baseUrl',
      'defaultMaxTokens',
      'timeoutMs',
    ]);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('ftp://files.example.com');
    expect(configError(() => anthropic({ apiKey: SECRET, unknownOption: true } as never)).message).toContain(
      'unknownOption',
    );
  });

  it('rejects options that are not an object', () => {
    expect(configError(() => anthropic(null as never)).message).toContain('must be an object');
  });

  it('is a plugin carrying its name, version and contract version', () => {
    const plugin = anthropic({ apiKey: SECRET });
    expect(plugin.name).toBe(ANTHROPIC_PLUGIN_NAME);
    expect(plugin.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(plugin.apiVersion).toBe(2);
  });

  it('redacts the API key in the printable configuration', () => {
    const config = anthropicConfig.validate({ apiKey: SECRET, beta: 'files-api-2025-04-14' });
    const printed = anthropicConfig.toConfigMap(config);
    expect(printed.apiKey).toBe('[REDACTED]');
    expect(printed.baseUrl).toBe('https://api.anthropic.com');
    expect(printed.version).toBe('2023-06-01');
    expect(JSON.stringify(printed)).not.toContain(SECRET);
  });
});

describe('anthropic provider inside a hub', () => {
  let server: ScriptedServer;

  beforeEach(async () => {
    server = await createScriptedServer();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  it('reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL, completes and streams through the hub', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', SECRET);
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    const hub = createHub({ plugins: [anthropic({ defaultMaxTokens: 256 })] });
    try {
      server.enqueue({ body: fixtures.json('messages-response-text.json') });
      const response = await hub.complete({
        model: 'anthropic/claude-sonnet-4-5',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Who are you?' },
        ],
      });
      expect(response.provider).toBe('anthropic');
      expect(response.text).toBe('Hi! My name is Claude.');
      const sent = server.requests[0]!;
      expect(sent.headers['x-api-key']).toBe(SECRET);
      expect(sent.json()).toEqual({
        model: 'claude-sonnet-4-5',
        max_tokens: 256,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'Who are you?' }],
      });

      server.enqueue({ frames: fixtures.sseFrames('stream-text.sse') });
      const chunks: StreamChunk[] = [];
      for await (const chunk of hub.stream({
        model: 'anthropic/claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'Hello' }],
      })) {
        chunks.push(chunk);
      }
      expect(chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : chunk.type))).toEqual([
        'Hello',
        '!',
        'finish',
      ]);

      const [metadata] = await hub.metadata();
      expect(metadata?.providerId).toBe('anthropic');
      expect(metadata?.models.some((model) => model.id === 'claude-sonnet-4-5')).toBe(true);
    } finally {
      await hub.close();
    }
  });

  it('counts tokens exactly through the hub, and refuses embeddings as unsupported without I/O', async () => {
    const hub = createHub({ plugins: [anthropic({ apiKey: SECRET, baseUrl: server.url })] });
    try {
      server.enqueue({ body: fixtures.json('count-tokens-response.json') });
      const count = await hub.countTokens({
        model: 'anthropic/claude-sonnet-4-5',
        messages: [
          { role: 'system', content: 'You are a scientist' },
          { role: 'user', content: 'Hello, Claude' },
        ],
      });
      expect(count).toEqual({
        inputTokens: 14,
        exact: true,
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
      });
      expect(server.requests.map((request) => request.url)).toEqual(['/v1/messages/count_tokens']);

      await expect(hub.embed({ model: 'anthropic/claude-sonnet-4-5', input: 'hello' })).rejects.toMatchObject(
        {
          code: 'unsupported',
        },
      );
      expect(server.requests).toHaveLength(1);
    } finally {
      await hub.close();
    }
  });

  it('surfaces a 529 through the hub as a retryable overloaded error', async () => {
    const hub = createHub({ plugins: [anthropic({ apiKey: SECRET, baseUrl: server.url })], maxAttempts: 1 });
    try {
      server.enqueue({
        status: 529,
        body: fixtures.json<Record<string, object>>('error-bodies.json').overloaded_error!,
      });
      await expect(
        hub.complete({ model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }] }),
      ).rejects.toMatchObject({ code: 'overloaded', retryable: true, providerId: 'anthropic' });
    } finally {
      await hub.close();
    }
  });
});
