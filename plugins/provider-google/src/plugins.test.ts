import {
  type AssistantMessage,
  type CompletionResponse,
  createHub,
  foldStream,
  type Message,
  type StreamChunk,
  type ToolCall,
} from '@hub/core';
import { createScriptedServer, sseFrame } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import type { GeminiPart, GeminiRequest } from './gemini-wire-types.js';
import { GOOGLE_PLUGIN_NAME, google } from './google-plugin.js';
import { fixtures } from './test-support/fixtures.js';
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
      { body: fixtures.json('generate-content-text.json') },
      { frames: fixtures.sseFrames('stream-text.sse') },
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

  it('embed and count tokens through a hub', async () => {
    const server = await createScriptedServer();
    const hub = createHub({
      plugins: [google({ apiKey: 'test-key-0123456789', baseUrl: `${server.url}/v1beta` })],
    });
    server.enqueue(
      { body: fixtures.json('batch-embed-contents.json') },
      { body: fixtures.json('count-tokens.json') },
    );
    const embedded = await hub.embed({ model: 'google/gemini-embedding-001', input: ['first', 'second'] });
    expect(embedded.embeddings).toHaveLength(2);
    expect(embedded.embeddings[0]).toBeInstanceOf(Float32Array);
    const counted = await hub.countTokens({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(counted).toMatchObject({ inputTokens: 31, exact: true, provider: 'google' });
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      '/v1beta/models/gemini-2.5-flash:countTokens',
    ]);
    await hub.close();
    await server.close();
  });

  it('validate options before any I/O, naming the field', () => {
    expect(() => google({ apiKey: '   ' })).toThrow(/apiKey/);
    expect(() => vertex({ project: 'p', apiVersion: 'v2' as 'v1' })).toThrow(/apiVersion/);
  });
});

// One model turn as Gemini 2.5/3 sends it when thinking with tools: a signed thought, some text,
// and parallel calls of which only the first carries a signature.
const SIGNED_PARTS: readonly GeminiPart[] = [
  { text: 'The user wants two cities.', thought: true, thoughtSignature: 'CiQB0e2KbThoughtSignature' },
  { text: 'Checking both.' },
  {
    functionCall: { id: 'fc_paris', name: 'get_weather', args: { city: 'Paris' } },
    thoughtSignature: 'CiQB0e2KbCallSignatureParis',
  },
  { functionCall: { id: 'fc_rome', name: 'get_weather', args: { city: 'Rome' } } },
];

function signedTurn(parts: readonly GeminiPart[], finishReason: string | null): Record<string, unknown> {
  return {
    candidates: [
      { content: { role: 'model', parts }, ...(finishReason !== null && { finishReason }), index: 0 },
    ],
    usageMetadata: { promptTokenCount: 40, candidatesTokenCount: 20, totalTokenCount: 60 },
    modelVersion: 'gemini-2.5-flash',
    responseId: 'signed-turn',
  };
}

// What an application does with an answer: its text and reasoning as the assistant content, its
// tool calls (signature included) as `toolCalls`.
function assistantTurn(response: CompletionResponse): AssistantMessage {
  const content: Exclude<AssistantMessage['content'], string>[number][] = [];
  const toolCalls: ToolCall[] = [];
  for (const part of response.content) {
    if (part.type !== 'tool-call') content.push(part);
    else {
      const { id, name, arguments: args, signature } = part;
      toolCalls.push({ id, name, arguments: args, ...(signature !== undefined && { signature }) });
    }
  }
  return { role: 'assistant', content, toolCalls };
}

function nextTurn(response: CompletionResponse): Message[] {
  return [
    { role: 'user', content: 'Weather in Paris and Rome?' },
    assistantTurn(response),
    { role: 'tool', toolCallId: 'fc_paris', content: '{"sky":"clear"}' },
    { role: 'tool', toolCallId: 'fc_rome', content: '{"sky":"rain"}' },
  ];
}

// The model turn of the follow-up request: every signature back on the part it came on.
const SIGNED_PARTS_SENT_BACK: readonly GeminiPart[] = [
  { text: 'The user wants two cities.', thought: true, thoughtSignature: 'CiQB0e2KbThoughtSignature' },
  { text: 'Checking both.' },
  {
    functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'fc_paris' },
    thoughtSignature: 'CiQB0e2KbCallSignatureParis',
  },
  { functionCall: { name: 'get_weather', args: { city: 'Rome' }, id: 'fc_rome' } },
];

describe('thought signatures through a hub', () => {
  it('carries a functionCall signature on the tool call into the next request', async () => {
    const server = await createScriptedServer();
    const hub = createHub({ plugins: [google({ apiKey: 'test-key-0123456789', baseUrl: server.url })] });
    server.enqueue(
      { body: signedTurn(SIGNED_PARTS, 'STOP') },
      { body: fixtures.json('generate-content-text.json') },
    );

    const first = await hub.complete({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Weather in Paris and Rome?' }],
    });
    expect(first.finishReason).toBe('tool_calls');
    expect(first.content).toEqual([
      { type: 'reasoning', text: 'The user wants two cities.', signature: 'CiQB0e2KbThoughtSignature' },
      { type: 'text', text: 'Checking both.' },
      {
        type: 'tool-call',
        id: 'fc_paris',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        signature: 'CiQB0e2KbCallSignatureParis',
      },
      { type: 'tool-call', id: 'fc_rome', name: 'get_weather', arguments: '{"city":"Rome"}' },
    ]);

    await hub.complete({ model: 'google/gemini-2.5-flash', messages: nextTurn(first) });
    const contents = server.requests[1]?.json<GeminiRequest>().contents;
    expect(contents?.[1]).toEqual({ role: 'model', parts: SIGNED_PARTS_SENT_BACK });
    expect(contents?.[2]?.parts.map((part) => part.functionResponse?.id)).toEqual(['fc_paris', 'fc_rome']);
    await hub.close();
    await server.close();
  });

  it('carries it the same way from a stream, on the tool-call-delta chunk', async () => {
    const server = await createScriptedServer();
    const hub = createHub({ plugins: [google({ apiKey: 'test-key-0123456789', baseUrl: server.url })] });
    server.enqueue(
      {
        frames: [
          sseFrame(signedTurn(SIGNED_PARTS.slice(0, 1), null)),
          sseFrame(signedTurn(SIGNED_PARTS.slice(1, 2), null)),
          sseFrame(signedTurn(SIGNED_PARTS.slice(2), 'STOP')),
        ],
      },
      { body: fixtures.json('generate-content-text.json') },
    );

    const chunks: StreamChunk[] = [];
    for await (const chunk of hub.stream({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Weather in Paris and Rome?' }],
    })) {
      chunks.push(chunk);
    }
    expect(chunks.filter((chunk) => chunk.type === 'tool-call-delta')).toEqual([
      {
        type: 'tool-call-delta',
        index: 0,
        id: 'fc_paris',
        name: 'get_weather',
        argumentsDelta: '{"city":"Paris"}',
        signature: 'CiQB0e2KbCallSignatureParis',
      },
      {
        type: 'tool-call-delta',
        index: 1,
        id: 'fc_rome',
        name: 'get_weather',
        argumentsDelta: '{"city":"Rome"}',
      },
    ]);
    const folded = await foldStream(
      (async function* () {
        yield* chunks;
      })(),
      { provider: 'google', model: 'gemini-2.5-flash' },
    );

    await hub.complete({ model: 'google/gemini-2.5-flash', messages: nextTurn(folded) });
    expect(server.requests[1]?.json<GeminiRequest>().contents[1]).toEqual({
      role: 'model',
      parts: SIGNED_PARTS_SENT_BACK,
    });
    await hub.close();
    await server.close();
  });
});
