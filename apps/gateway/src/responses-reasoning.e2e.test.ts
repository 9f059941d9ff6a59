import { createScriptedServer, type ScriptedServer } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import type { ResponseResource } from './responses-wire/open-responses-schemas.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { checkResponseStream } from './test-support/check-response-stream.js';

// Reasoning through the Responses API over Anthropic, whose thinking blocks must come back
// verbatim (signature included, redacted blocks as they were) on the next turn.
let upstream: ScriptedServer;
let gateway: RunningGateway;

const event = (type: string, data: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const thinkingStream = [
  event('message_start', {
    message: {
      id: 'msg_think',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 30, output_tokens: 1 },
    },
  }),
  event('content_block_start', {
    index: 0,
    content_block: { type: 'thinking', thinking: '', signature: '' },
  }),
  event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'The user wants ' } }),
  event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'a number.' } }),
  event('content_block_delta', {
    index: 0,
    delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM-signed' },
  }),
  event('content_block_stop', { index: 0 }),
  event('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
  event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'Forty-two.' } }),
  event('content_block_stop', { index: 1 }),
  event('message_delta', {
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 40 },
  }),
  event('message_stop', {}),
];

beforeAll(async () => {
  upstream = await createScriptedServer();
  upstream.route('GET', '/v1/models', { body: { data: [], has_more: false } });
  const env = { UPSTREAM_KEY: 'upstream-test-key' };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'anthropic', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: upstream.url }],
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
    body: JSON.stringify({ model: 'anthropic/claude-sonnet-4-5', reasoning: { effort: 'low' }, ...body }),
  });
const answer = (content: object[]) => ({
  body: {
    id: 'msg_plain',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 50, output_tokens: 40 },
  },
});
const lastUpstreamBody = () =>
  upstream.requests
    .filter((request) => request.method === 'POST')
    .at(-1)
    ?.json<{ messages: unknown[] }>();

describe('reasoning over Anthropic through /v1/responses', () => {
  it('streams thinking as reasoning summary events, the signature as encrypted_content', async () => {
    upstream.enqueue({ frames: thinkingStream });
    const stream = checkResponseStream(
      await (await create({ input: 'Pick a number.', stream: true })).text(),
    );
    expect(stream.problems).toEqual([]);
    const deltas = stream.events
      .filter((entry) => entry.type === 'response.reasoning_summary_text.delta')
      .map((entry) => entry.delta);
    expect(deltas).toEqual(['The user wants ', 'a number.']);
    expect(stream.final.output).toMatchObject([
      {
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 'The user wants a number.' }],
        encrypted_content: 'EqQBCgIYAhIM-signed',
      },
      { type: 'message', content: [{ type: 'output_text', text: 'Forty-two.' }] },
    ]);

    // a stateless client sends the output back; Anthropic gets its block as it sent it
    upstream.enqueue(answer([{ type: 'text', text: 'Yes.' }]));
    const next = await create({
      input: [
        { role: 'user', content: 'Pick a number.' },
        ...stream.final.output,
        { role: 'user', content: 'Sure?' },
      ],
      store: false,
    });
    expect(next.status).toBe(200);
    expect(lastUpstreamBody()?.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'The user wants a number.', signature: 'EqQBCgIYAhIM-signed' },
        { type: 'text', text: 'Forty-two.' },
      ],
    });
  });

  it('takes signed and redacted thinking back verbatim, statelessly and by previous_response_id', async () => {
    const blocks = [
      { type: 'thinking', thinking: 'The user wants a number.', signature: 'EqQBCgIYAhIM-signed' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy-redacted' },
      { type: 'text', text: 'Forty-two.' },
    ];
    upstream.enqueue(answer(blocks));
    const first = (await (await create({ input: 'Pick a number.' })).json()) as ResponseResource;
    const [, redacted] = first.output;
    expect(redacted).toMatchObject({
      type: 'reasoning',
      summary: [],
      encrypted_content: 'EmwKAhgBEgy-redacted',
    });
    expect(redacted?.id).toMatch(/^rs_[0-9a-f]{32}_o1r$/);

    upstream.enqueue(answer([{ type: 'text', text: 'Yes.' }]));
    await create({
      input: [
        { role: 'user', content: 'Pick a number.' },
        ...first.output,
        { role: 'user', content: 'Sure?' },
      ],
    });
    expect(lastUpstreamBody()?.messages[1]).toEqual({ role: 'assistant', content: blocks });

    upstream.enqueue(answer([{ type: 'text', text: 'Yes.' }]));
    expect((await create({ input: 'Sure?', previous_response_id: first.id })).status).toBe(200);
    expect(lastUpstreamBody()?.messages[1]).toEqual({ role: 'assistant', content: blocks });
  });
});
