import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltGateway, GATEWAY_BIN, startBuiltGateway } from './test-support/start-built-gateway.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  files: string[];
};

describe('the hub-gateway program (the build, under plain node)', () => {
  const controller = new AbortController();
  let gateway: BuiltGateway;

  beforeAll(async () => {
    gateway = await startBuiltGateway(controller.signal);
  });
  afterAll(async () => {
    // a gateway that ignored SIGTERM would be killed by the abort, not left running
    const exitCode = await Promise.race([
      gateway?.stop(),
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000).unref()),
    ]);
    controller.abort();
    expect(exitCode).toBe(0);
  });

  it('answers a chat completion from the embedded mock default', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'default',
        messages: [{ role: 'user', content: 'first answer, please' }],
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      object: string;
      choices: { message: { role: string; content: string }; finish_reason: string }[];
    };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.message.role).toBe('assistant');
    expect(body.choices[0]?.message.content).toEqual(expect.stringMatching(/\S/));
    expect(body.choices[0]?.finish_reason).toBe('stop');
  });

  it('serves the dashboard built beside it (the bundle finds dist/ui)', async () => {
    const page = await fetch(`${gateway.url}/ui/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /\/ui\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(script).toBeDefined();
    expect((await fetch(`${gateway.url}${script}`)).status).toBe(200);
  });

  it('is the package bin, and ships without tsx or test helpers at run time', () => {
    expect(manifest.bin['hub-gateway']).toBe('./bin/hub-gateway.js');
    expect(GATEWAY_BIN.endsWith('bin/hub-gateway.js')).toBe(true);
    expect(readFileSync(GATEWAY_BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    expect(Object.keys(manifest.dependencies)).not.toContain('@hub/testing');
    // the @hub packages are bundled into dist, so the tarball installs without them on npm
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith('@hub/'))).toEqual([]);
    expect(manifest.files).toEqual(['bin', 'dist']);
  });
});
