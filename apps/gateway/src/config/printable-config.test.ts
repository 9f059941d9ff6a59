import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './load-gateway-config.js';
import { printableConfig, redactUrl } from './printable-config.js';

const HASH = `sha256:${'ab'.repeat(32)}`;
const raw = {
  providers: [
    {
      type: 'openai',
      apiKeyEnv: 'OPENAI_API_KEY',
      baseUrl: 'https://proxy-user:proxy-pass@llm.example.com/v1',
    },
    {
      type: 'google',
      apiKeyEnv: 'GEMINI_API_KEY',
      baseUrl: 'https://gemini.example.com/v1beta?key=gem-secret&alt=sse',
    },
  ],
  routes: { default: ['openai/gpt-4o-mini'] },
  redis: { url: 'redis://default:redis-s3cret@127.0.0.1:6379/0' },
  virtualKeys: [
    { name: 'team-a', keyHash: HASH },
    { name: 'team-b', keyEnv: 'TEAM_B_KEY' },
  ],
};
const env = { OPENAI_API_KEY: 'sk-live-value', GEMINI_API_KEY: 'gem-live-value', TEAM_B_KEY: 'team-b-live' };

describe('printableConfig', () => {
  it('redacts URL userinfo, credential query values and key hashes, and shows env variable names', () => {
    const printed = printableConfig(validateGatewayConfig(raw, env));
    expect(printed['redis.url']).toBe('redis://[REDACTED]@127.0.0.1:6379/0');
    expect(printed['providers.0.baseUrl']).toBe('https://[REDACTED]@llm.example.com/v1');
    expect(printed['providers.1.baseUrl']).toBe('https://gemini.example.com/v1beta?key=[REDACTED]&alt=sse');
    expect(printed['virtualKeys.0.keyHash']).toBe('[REDACTED]');
    expect(printed['providers.0.apiKeyEnv']).toBe('OPENAI_API_KEY');
    expect(printed['virtualKeys.1.keyEnv']).toBe('TEAM_B_KEY');
    const text = JSON.stringify(printed);
    for (const secret of [
      'proxy-pass',
      'proxy-user',
      'redis-s3cret',
      'gem-secret',
      'abab',
      ...Object.values(env),
    ])
      expect(text).not.toContain(secret);
  });

  it('leaves URLs without credentials and other text unchanged', () => {
    expect(redactUrl('https://api.openai.com/v1')).toBe('https://api.openai.com/v1');
    expect(redactUrl('https://x.openai.azure.com/?api-version=2024-10-21')).toBe(
      'https://x.openai.azure.com/?api-version=2024-10-21',
    );
    expect(redactUrl('gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(redactUrl('redis://:only-password@[::1]:6379')).toBe('redis://[REDACTED]@[::1]:6379');
  });
});

describe('hub-gateway --print-config', () => {
  // a child process compiling TypeScript: generous, since only the output is asserted
  it('prints no secret of the file, and names the environment variables', { timeout: 120_000 }, async () => {
    const folder = await mkdtemp(join(tmpdir(), 'hub-gateway-print-'));
    const path = join(folder, 'hub.config.json');
    await writeFile(path, JSON.stringify(raw));
    const main = fileURLToPath(new URL('../main.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@hub/source', '--import', 'tsx', main, '--print-config', '--config', path],
      // a clean environment: the test runner's own variables must not leak into the CLI
      {
        env: { PATH: process.env.PATH ?? '', ...env },
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
      },
    );
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    expect(printed['redis.url']).toBe('redis://[REDACTED]@127.0.0.1:6379/0');
    expect(printed['providers.0.apiKeyEnv']).toBe('OPENAI_API_KEY');
    for (const secret of ['redis-s3cret', 'proxy-pass', 'gem-secret', 'abab', ...Object.values(env)])
      expect(stdout).not.toContain(secret);
  });
});
