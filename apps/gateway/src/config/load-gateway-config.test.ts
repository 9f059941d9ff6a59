import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig, validateGatewayConfig } from './load-gateway-config.js';
import { printableConfig } from './printable-config.js';

function issuesOf(raw: unknown, env: Record<string, string> = {}): string[] {
  try {
    validateGatewayConfig(raw, env);
  } catch (error) {
    expect(ConfigError.isConfigError(error)).toBe(true);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  return [];
}

describe('gateway configuration', () => {
  it('starts on the mock provider when there is no file and no key', async () => {
    const loaded = await loadGatewayConfig(undefined, {});
    expect(loaded.source).toContain('mock provider');
    expect(loaded.config.providers).toEqual([{ type: 'mock' }]);
    expect(loaded.config.server.port).toBe(8787);
  });

  it('routes to OpenAI and Anthropic when their keys are set', async () => {
    const loaded = await loadGatewayConfig(undefined, {
      OPENAI_API_KEY: 'sk-x',
      ANTHROPIC_API_KEY: 'sk-ant-x',
    });
    expect(loaded.config.routes.default).toEqual(['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5']);
  });

  it('names every bad field', () => {
    expect(
      issuesOf({
        server: { port: 70000 },
        providers: [{ type: 'openai', apiKeyEnv: 'MISSING_KEY', baseUrl: 'nope' }, { type: 'llama' }],
        selector: 'fastest',
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^server\.port: /),
        expect.stringMatching(/^providers\.0\.baseUrl: must be an absolute URL/),
        expect.stringMatching(/^providers\.1\.type: /),
        expect.stringMatching(/^selector: /),
      ]),
    );
    expect(issuesOf({ providers: [{ type: 'openai', apiKeyEnv: 'MISSING_KEY' }] })).toEqual([
      'providers.0.apiKeyEnv: environment variable MISSING_KEY is not set',
    ]);
  });

  it('reports schema, environment and route issues together, in one error', () => {
    expect(
      issuesOf({
        server: { port: 'abc' },
        providers: [{ type: 'openai', apiKeyEnv: 'MISSING_KEY' }, { type: 'mock' }],
        routes: { default: ['nosuch/gpt-4o-mini'], fast: { targets: ['openai/'] } },
        virtualKeys: [{ name: 'a', keyEnv: 'MISSING_CLIENT_KEY' }],
      }),
    ).toEqual([
      'server.port: must be a number (got a string)',
      'providers.0.apiKeyEnv: environment variable MISSING_KEY is not set',
      'virtualKeys.0.keyEnv: environment variable MISSING_CLIENT_KEY is not set',
      'routes.default.0: "nosuch/gpt-4o-mini" names provider "nosuch", which is not configured (providers: openai, mock)',
      'routes.fast.targets.0: "openai/" names no model: write "provider/model"',
    ]);
  });

  it('accepts route targets of renamed and preset providers', () => {
    const config = validateGatewayConfig(
      {
        providers: [
          { type: 'mock', id: 'local' },
          { type: 'openai-compatible', preset: 'groq' },
        ],
        routes: { default: ['local/mock-1', 'groq/llama-3.1-8b-instant'] },
      },
      {},
    );
    expect(config.routes.default).toEqual(['local/mock-1', 'groq/llama-3.1-8b-instant']);
  });

  it('takes the limits’ Redis fail mode, open by default, with or without a URL in the file', () => {
    const base = { providers: [{ type: 'mock' }] };
    expect(validateGatewayConfig({ ...base, redis: { url: 'redis://127.0.0.1:6379' } }, {}).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      limitsFailMode: 'open',
    });
    // the URL may come from REDIS_URL while the file chooses the mode
    expect(validateGatewayConfig({ ...base, redis: { limitsFailMode: 'closed' } }, {}).redis).toEqual({
      limitsFailMode: 'closed',
    });
    expect(issuesOf({ ...base, redis: { limitsFailMode: 'sometimes' } })).toEqual([
      expect.stringMatching(/^redis\.limitsFailMode: /),
    ]);
  });

  it('refuses inline secrets: unknown fields such as apiKey are rejected', () => {
    expect(issuesOf({ providers: [{ type: 'openai', apiKey: 'sk-inline' }] })[0]).toMatch(/^providers\.0: /);
  });

  it('reads YAML files and prints them with hashes redacted', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'hub-gateway-'));
    const path = join(folder, 'hub.config.yaml');
    await writeFile(
      path,
      [
        'providers:',
        '  - { type: mock }',
        'routes: { fast: [mock/mock-1] }',
        'virtualKeys:',
        `  - { name: a, keyHash: "sha256:${'ab'.repeat(32)}" }`,
      ].join('\n'),
    );
    const loaded = await loadGatewayConfig(path, {});
    expect(loaded.config.routes).toEqual({ fast: ['mock/mock-1'] });
    const printed = JSON.stringify(printableConfig(loaded.config));
    expect(printed).not.toContain('abab');
    expect(printed).toContain('[REDACTED]');
  });

  it('reports a malformed file with its path', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'hub-gateway-'));
    const path = join(folder, 'bad.json');
    await writeFile(path, '{ "providers": [ }');
    await expect(loadGatewayConfig(path, {})).rejects.toMatchObject({
      code: 'config',
      message: expect.stringContaining('not valid JSON'),
    });
  });
});
