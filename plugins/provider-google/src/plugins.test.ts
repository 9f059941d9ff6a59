import { createHub } from '@hub/core';
import { createScriptedServer } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { readJsonFixture, readSseFrames } from './__fixtures__/read-fixture.js';
import { GOOGLE_PLUGIN_NAME, google } from './google-plugin.js';
import { VERTEX_PLUGIN_NAME, vertex } from './vertex-plugin.js';

describe('google() and vertex() plugins', () => {
  it('register side by side in one hub and route by provider prefix', async () => {
    const server = await createScriptedServer();
    const googlePlugin = google({ apiKey: 'test-key-0123456789', baseUrl: `${server.url}/v1beta` });
    const vertexPlugin = vertex({
      project: 'my-project',
      location: 'europe-west4',
      baseUrl: `${server.url}/v1`,
      tokenProvider: async () => ({ token: 'vertex-token-0123456789', expiresAt: Date.now() + 3_600_000 }),
    });
    expect([googlePlugin.name, vertexPlugin.name]).toEqual([GOOGLE_PLUGIN_NAME, VERTEX_PLUGIN_NAME]);
    const hub = createHub({ plugins: [googlePlugin, vertexPlugin] });
    server.enqueue(
      { body: readJsonFixture('generate-content-text.json') },
      { frames: readSseFrames('stream-text.sse') },
    );

    const viaGoogle = await hub.complete({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(viaGoogle).toMatchObject({ provider: 'google', text: 'Hello there!' });

    let streamed = '';
    for await (const chunk of hub.stream({
      model: 'google-vertex/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hi' }],
    })) {
      if (chunk.type === 'text-delta') streamed += chunk.text;
    }
    expect(streamed).toBe('Hello there!');
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1beta/models/gemini-2.5-flash:generateContent',
      '/v1/projects/my-project/locations/europe-west4/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ]);
    await hub.close();
    await server.close();
  });

  it('validate options before any I/O, naming the field', () => {
    expect(() => google({ apiKey: '   ' })).toThrow(/apiKey/);
    expect(() => vertex({ project: 'p', apiVersion: 'v2' as 'v1' })).toThrow(/apiVersion/);
  });
});
