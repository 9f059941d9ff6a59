import type { ServerResponse } from 'node:http';
import { ConfigError, createHub, type Hub, PLUGIN_API_VERSION } from '@hub/core';
import { createScriptedServer, type RecordedRequest, type ScriptedServer } from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { azureOpenAI } from './azure-openai-plugin.js';
import { openai } from './openai-plugin.js';
import { FAKE_OPENAI_KEY, fixtures } from './test-support/chat-completions-wire.js';

describe('openai() in a hub', () => {
  let server: ScriptedServer;
  let hub: Hub | undefined;

  beforeEach(async () => {
    server = await createScriptedServer();
  });
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
    await server.close();
  });

  it('answers hub.complete for openai/gpt-4o-mini through the wire', async () => {
    hub = createHub({ plugins: [openai({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/v1`, env: {} })] });
    server.enqueue({ body: fixtures.json('chat-completion.json') });
    const response = await hub.complete({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello.' }],
      providerParams: { openai: { service_tier: 'flex' }, other: { nope: true } },
    });
    expect(response.text).toBe('Hello! How can I assist you today?');
    expect(response.provider).toBe('openai');
    expect(server.requests[0]?.json()).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello.' }],
      service_tier: 'flex',
    });
  });

  it('streams through hub.stream with finish last', async () => {
    hub = createHub({ plugins: [openai({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/v1`, env: {} })] });
    server.enqueue({ frames: fixtures.sseFrames('stream-text.sse') });
    let text = '';
    let last = '';
    for await (const chunk of hub.stream({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    })) {
      if (chunk.type === 'text-delta') text += chunk.text;
      last = chunk.type;
    }
    expect(text).toBe('Hello there!');
    expect(last).toBe('finish');
  });

  it('registers several OpenAI-style providers under different ids in one hub', async () => {
    const reply = (request: RecordedRequest, response: ServerResponse): void => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ...fixtures.json('chat-completion.json'), id: request.url }));
    };
    server.enqueue(reply, reply, reply);
    hub = createHub({
      plugins: [
        openai({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/us/v1`, env: {} }),
        openai({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/eu/v1`, providerId: 'openai-eu', env: {} }),
        azureOpenAI({
          endpoint: server.url,
          apiVersion: '2024-10-21',
          deployments: { 'gpt-4o-mini': 'mini' },
          apiKey: '0123456789abcdef0123456789abcdef',
          env: {},
        }),
      ],
    });
    const ask = (model: string) => hub?.complete({ model, messages: [{ role: 'user', content: 'x' }] });
    expect((await ask('openai/gpt-4o-mini'))?.id).toBe('/us/v1/chat/completions');
    expect((await ask('openai-eu/gpt-4o-mini'))?.id).toBe('/eu/v1/chat/completions');
    expect((await ask('azure-openai/gpt-4o-mini'))?.id).toBe(
      '/openai/deployments/mini/chat/completions?api-version=2024-10-21',
    );
    expect(hub.providers().map((provider) => provider.providerId)).toEqual([
      'openai',
      'openai-eu',
      'azure-openai',
    ]);
  });

  it('reports upstream errors as ConnectorErrors through the hub', async () => {
    hub = createHub({ plugins: [openai({ apiKey: FAKE_OPENAI_KEY, baseUrl: `${server.url}/v1`, env: {} })] });
    server.enqueue({ status: 400, body: fixtures.json('error-context-length.json') });
    await expect(
      hub.complete({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ code: 'context_length_exceeded', providerId: 'openai' });
  });

  it('validates options when the factory runs, before any I/O', () => {
    expect(() => openai({ env: {} })).toThrow(ConfigError);
    expect(() => azureOpenAI({ env: {} })).toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });

  it('has a plugin name and version', () => {
    const plugin = openai({ apiKey: FAKE_OPENAI_KEY, env: {} });
    expect(plugin.name).toBe('@hub/provider-openai');
    // the package's own version, stamped at build (and by vitest), never a hard-coded one
    expect(plugin.version).toBe(packageJson.version);
    expect(plugin.apiVersion).toBe(PLUGIN_API_VERSION);
  });
});
