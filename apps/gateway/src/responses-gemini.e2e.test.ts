import { createScriptedServer, type ScriptedServer } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { checkResponseStream } from './test-support/check-response-stream.js';

// Gemini signs the function calls of thinking models and refuses a next turn whose calls come
// back without their signature: through /v1/responses the signature rides on the item.
let upstream: ScriptedServer;
let gateway: RunningGateway;

const SIGNATURE = 'CiQB0e2Kb8-signed-call';
const chunk = (parts: object[], finish?: string) =>
  `data: ${JSON.stringify({
    candidates: [
      { content: { role: 'model', parts }, index: 0, ...(finish !== undefined && { finishReason: finish }) },
    ],
    usageMetadata: {
      promptTokenCount: 20,
      candidatesTokenCount: 10,
      totalTokenCount: 60,
      thoughtsTokenCount: 30,
    },
    modelVersion: 'gemini-2.5-flash',
    responseId: 'gemini-1',
  })}\n\n`;

beforeAll(async () => {
  upstream = await createScriptedServer();
  upstream.route('GET', '/v1beta/models', { body: { models: [] } });
  const env = { UPSTREAM_KEY: 'upstream-test-key' };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'google', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${upstream.url}/v1beta` }],
      retry: false,
      cache: false,
      logging: { level: 'silent' },
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const create = (body: Record<string, unknown>) =>
  fetch(`${gateway.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'google/gemini-2.5-flash', ...body }),
  });
const tools = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} } }];

describe('Gemini through /v1/responses', () => {
  it('streams thoughts as reasoning, reasoning tokens in the usage, and sends signed calls back signed', async () => {
    upstream.enqueue({
      frames: [
        chunk([{ text: 'Need the weather tool.', thought: true }]),
        chunk(
          [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: SIGNATURE }],
          'STOP',
        ),
      ],
    });
    const stream = checkResponseStream(
      await (await create({ input: 'Weather?', tools, stream: true })).text(),
    );
    expect(stream.problems).toEqual([]);
    expect(stream.final.usage?.output_tokens_details.reasoning_tokens).toBe(30);
    const [thought, call] = stream.final.output;
    expect(thought).toMatchObject({ type: 'reasoning', summary: [{ text: 'Need the weather tool.' }] });
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', signature: SIGNATURE });
    if (call?.type !== 'function_call') throw new Error('no call');

    upstream.enqueue({ frames: [chunk([{ text: 'Sunny.' }], 'STOP')] });
    const next = await create({
      input: [
        { role: 'user', content: 'Weather?' },
        ...stream.final.output,
        { type: 'function_call_output', call_id: call.call_id, output: 'sunny' },
      ],
      tools,
      store: false,
      stream: true,
    });
    expect(checkResponseStream(await next.text()).problems).toEqual([]);
    const sent = upstream.requests
      .filter((request) => request.method === 'POST')
      .at(-1)
      ?.json<{
        contents: { role: string; parts: Record<string, unknown>[] }[];
      }>();
    const model = sent?.contents.find((content) => content.role === 'model');
    expect(model?.parts).toContainEqual(
      expect.objectContaining({
        functionCall: expect.objectContaining({ name: 'get_weather' }),
        thoughtSignature: SIGNATURE,
      }),
    );
  });
});
