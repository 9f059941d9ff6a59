import { createScriptedServer, type ScriptedServer } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { checkResponseStream } from './test-support/check-response-stream.js';

// A Responses client in front of an OpenAI Responses upstream (gpt-5-codex is served only
// there): reasoning items must survive the trip both ways — the provider's item id and its
// encrypted content — or OpenAI cannot continue a stateless conversation.
let upstream: ScriptedServer;
let gateway: RunningGateway;

const event = (type: string, data: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const usage = {
  input_tokens: 20,
  output_tokens: 30,
  total_tokens: 50,
  input_tokens_details: { cached_tokens: 8 },
  output_tokens_details: { reasoning_tokens: 12 },
};
const reasoning = {
  type: 'reasoning',
  id: 'rs_up_1',
  summary: [{ type: 'summary_text', text: 'Plan the answer.' }],
  encrypted_content: 'enc-up-1',
};
const message = (text: string) => ({
  type: 'message',
  id: 'msg_up',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text, annotations: [] }],
});
const done = (output: object[]) => ({
  id: 'resp_up',
  object: 'response',
  model: 'gpt-5-codex',
  status: 'completed',
  output,
  usage,
});

beforeAll(async () => {
  upstream = await createScriptedServer();
  upstream.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  const env = { UPSTREAM_KEY: 'sk-test-upstream' };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'openai', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${upstream.url}/v1` }],
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
    body: JSON.stringify({ model: 'openai/gpt-5-codex', ...body }),
  });
const lastUpstreamInput = () =>
  upstream.requests
    .filter((request) => request.method === 'POST' && request.url.endsWith('/responses'))
    .at(-1)
    ?.json<{ input: Record<string, unknown>[] }>().input;

describe('a Responses client over an OpenAI Responses upstream', () => {
  it('streams its reasoning and usage, then sends the reasoning item back as it came', async () => {
    upstream.enqueue({
      frames: [
        event('response.created', {
          sequence_number: 0,
          response: { id: 'resp_up', model: 'gpt-5-codex', status: 'in_progress', output: [] },
        }),
        event('response.output_item.added', {
          sequence_number: 1,
          output_index: 0,
          item: { type: 'reasoning', id: 'rs_up_1', summary: [] },
        }),
        event('response.reasoning_summary_text.delta', {
          sequence_number: 2,
          item_id: 'rs_up_1',
          output_index: 0,
          summary_index: 0,
          delta: 'Plan ',
        }),
        event('response.reasoning_summary_text.delta', {
          sequence_number: 3,
          item_id: 'rs_up_1',
          output_index: 0,
          summary_index: 0,
          delta: 'the answer.',
        }),
        event('response.output_item.done', { sequence_number: 4, output_index: 0, item: reasoning }),
        event('response.output_item.added', {
          sequence_number: 5,
          output_index: 1,
          item: { ...message(''), status: 'in_progress', content: [] },
        }),
        event('response.output_text.delta', {
          sequence_number: 6,
          item_id: 'msg_up',
          output_index: 1,
          content_index: 0,
          delta: 'Done',
        }),
        event('response.output_text.delta', {
          sequence_number: 7,
          item_id: 'msg_up',
          output_index: 1,
          content_index: 0,
          delta: '.',
        }),
        event('response.completed', { sequence_number: 8, response: done([reasoning, message('Done.')]) }),
      ],
    });
    const stream = checkResponseStream(await (await create({ input: 'Go.', stream: true })).text());
    expect(stream.problems).toEqual([]);
    expect(stream.final.output).toMatchObject([
      {
        type: 'reasoning',
        id: 'rs_up_1',
        summary: [{ type: 'summary_text', text: 'Plan the answer.' }],
        encrypted_content: 'enc-up-1',
      },
      { type: 'message', content: [{ type: 'output_text', text: 'Done.' }] },
    ]);
    expect(stream.final.usage).toEqual(usage);

    upstream.enqueue({ body: done([message('Yes.')]) });
    const statelessly = await create({
      input: [{ role: 'user', content: 'Go.' }, ...stream.final.output, { role: 'user', content: 'Sure?' }],
      store: false,
    });
    expect(statelessly.status).toBe(200);
    expect(lastUpstreamInput()).toContainEqual(expect.objectContaining(reasoning));

    upstream.enqueue({ body: done([message('Yes.')]) });
    expect((await create({ input: 'Sure?', previous_response_id: stream.final.id })).status).toBe(200);
    expect(lastUpstreamInput()).toContainEqual(expect.objectContaining(reasoning));
  });
});
