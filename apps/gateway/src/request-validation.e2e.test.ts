import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { REQUEST_LIMITS } from './wire/request-limits.js';

let gateway: RunningGateway;

beforeAll(async () => {
  const config = validateGatewayConfig(
    {
      server: { port: 0, bodyLimitBytes: 4 * 1024 * 1024 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      cache: false,
      logging: { level: 'silent' },
    },
    {},
  );
  gateway = await startGateway({ config, env: {}, logger: pino({ level: 'silent' }) });
});
afterAll(() => gateway?.close());

const DEEP = '__DEEP__';
/** A value nested `levels` deep, written as text: building it as an object and stringifying would overflow. */
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

const send = (path: string, body: unknown | string) =>
  fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const withDeep = (body: unknown, deep: string) => JSON.stringify(body).replace(`"${DEEP}"`, deep);

const chat = { model: 'default', messages: [{ role: 'user', content: 'Hi' }] };
const messages = { model: 'default', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] };
const toolCallTurn = (args: unknown) => ({
  role: 'assistant',
  content: null,
  tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: args } }],
});
const tool = (parameters: unknown) => ({ type: 'function', function: { name: 'f', parameters } });

/** Every JSON-valued field of /v1/chat/completions, holding the deep value, and the field named. */
const CHAT_FIELDS: [string, unknown][] = [
  ['model', { ...chat, model: DEEP }],
  ['messages', { ...chat, messages: DEEP }],
  ['messages', { ...chat, messages: [{ role: 'user', content: DEEP }] }],
  ['messages', { ...chat, messages: [{ role: 'user', content: 'Hi', name: DEEP }] }],
  ['messages', { ...chat, messages: [...chat.messages, toolCallTurn(DEEP)] }],
  ['tools', { ...chat, tools: DEEP }],
  ['tools', { ...chat, tools: [tool(DEEP)] }],
  ['tool_choice', { ...chat, tool_choice: DEEP }],
  ['response_format', { ...chat, response_format: DEEP }],
  [
    'response_format',
    { ...chat, response_format: { type: 'json_schema', json_schema: { name: 's', schema: DEEP } } },
  ],
  ['metadata', { ...chat, metadata: DEEP }],
  ['stop', { ...chat, stop: DEEP }],
  ['logit_bias', { ...chat, logit_bias: DEEP }],
  ['prediction', { ...chat, prediction: DEEP }],
  ['stream_options', { ...chat, stream_options: DEEP }],
  ['user', { ...chat, user: DEEP }],
  ['unknown_field', { ...chat, unknown_field: DEEP }],
];

/** Every JSON-valued field of /v1/messages, holding the deep value, and the field named. */
const MESSAGES_FIELDS: [string, unknown][] = [
  ['model', { ...messages, model: DEEP }],
  ['system', { ...messages, system: DEEP }],
  ['messages', { ...messages, messages: DEEP }],
  ['messages', { ...messages, messages: [{ role: 'user', content: DEEP }] }],
  [
    'messages',
    {
      ...messages,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: DEEP }] }],
    },
  ],
  [
    'messages',
    {
      ...messages,
      messages: [
        ...messages.messages,
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: DEEP }] },
      ],
    },
  ],
  ['tools', { ...messages, tools: DEEP }],
  ['tools', { ...messages, tools: [{ name: 'f', input_schema: DEEP }] }],
  ['tool_choice', { ...messages, tool_choice: DEEP }],
  ['metadata', { ...messages, metadata: DEEP }],
  ['thinking', { ...messages, thinking: DEEP }],
  ['stop_sequences', { ...messages, stop_sequences: DEEP }],
  ['unknown_field', { ...messages, unknown_field: DEEP }],
];

describe('JSON nesting is bounded at parse time', () => {
  it.each(
    CHAT_FIELDS.flatMap(([field, body]) => [
      [field, 'object', body],
      [field, 'array', body],
    ]),
  )(
    'chat completions: a 10,000-level value under %s (%s, case %#) is a 400 naming it',
    async (field, kind, body) => {
      const deep = kind === 'object' ? deepObject(10_000) : deepArray(10_000);
      const response = await send('/v1/chat/completions', withDeep(body, deep));
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as {
        error: { param: string; message: string; code: string };
      };
      expect(error.param).toBe(field);
      expect(error.message).toContain(`limit maxJsonDepth`);
      expect(error.message).toContain(`${REQUEST_LIMITS.maxJsonDepth} levels`);
    },
  );

  it.each(
    MESSAGES_FIELDS.flatMap(([field, body]) => [
      [field, 'object', body],
      [field, 'array', body],
    ]),
  )('messages: a 10,000-level value under %s (%s, case %#) is a 400 naming it', async (field, kind, body) => {
    const deep = kind === 'object' ? deepObject(10_000) : deepArray(10_000);
    const response = await send('/v1/messages', withDeep(body, deep));
    expect(response.status).toBe(400);
    const reply = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(reply).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(reply.error.message).toContain(`'${field}'`);
    expect(reply.error.message).toContain('limit maxJsonDepth');
  });

  it('accepts a JSON Schema nested within the bound', async () => {
    // body → tools → [0] → function → parameters is 5 levels; 50 more stays under 64
    const schema = `${'{"type":"object","a":'.repeat(50)}1${'}'.repeat(50)}`;
    const response = await send('/v1/chat/completions', withDeep({ ...chat, tools: [tool(DEEP)] }, schema));
    expect(response.status).toBe(200);
  });
});

describe('wrongly typed fields are refused with the field named', () => {
  const image = (detail: unknown) => ({
    role: 'user',
    content: [
      { type: 'text', text: 'What is it?' },
      { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail } },
    ],
  });
  it.each([
    ['stream', { ...chat, stream: 'yes' }],
    ['stream_options', { ...chat, stream: true, stream_options: 'usage' }],
    ['stream_options.include_usage', { ...chat, stream: true, stream_options: { include_usage: 'yes' } }],
    ['model', { ...chat, model: 5 }],
    ['temperature', { ...chat, temperature: '0.5' }],
    ['top_p', { ...chat, top_p: '1' }],
    ['max_tokens', { ...chat, max_tokens: '10' }],
    ['max_completion_tokens', { ...chat, max_completion_tokens: 1.5 }],
    ['seed', { ...chat, seed: '1' }],
    ['n', { ...chat, n: '1' }],
    ['stop', { ...chat, stop: 5 }],
    ['user', { ...chat, user: 5 }],
    ['metadata', { ...chat, metadata: 'tag' }],
    ['metadata.team', { ...chat, metadata: { team: 5 } }],
    ['tools', { ...chat, tools: {} }],
    ['tools[0].function.parameters', { ...chat, tools: [tool('object')] }],
    [
      'tools[0].function.description',
      { ...chat, tools: [{ type: 'function', function: { name: 'f', description: 5 } }] },
    ],
    [
      'tools[0].function.strict',
      { ...chat, tools: [{ type: 'function', function: { name: 'f', strict: 'yes' } }] },
    ],
    ['tool_choice', { ...chat, tool_choice: 5 }],
    ['response_format', { ...chat, response_format: 'json' }],
    [
      'response_format.json_schema.schema',
      { ...chat, response_format: { type: 'json_schema', json_schema: { name: 's', schema: 'x' } } },
    ],
    ['reasoning_effort', { ...chat, reasoning_effort: 'extreme' }],
    ['messages[0].name', { ...chat, messages: [{ role: 'user', content: 'Hi', name: 5 }] }],
    ['messages[0].content[1].image_url.detail', { ...chat, messages: [image('ultra')] }],
    [
      'messages[1].tool_calls[0].function.arguments',
      { ...chat, messages: [...chat.messages, toolCallTurn(5)] },
    ],
    ['frequency_penalty', { ...chat, frequency_penalty: '1' }],
    ['logit_bias.50256', { ...chat, logit_bias: { '50256': 'ban' } }],
    ['logprobs', { ...chat, logprobs: 'yes' }],
    ['parallel_tool_calls', { ...chat, parallel_tool_calls: 'no' }],
  ])('chat completions: %s', async (param, body) => {
    const response = await send('/v1/chat/completions', body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { param: string; type: string; code: string } };
    expect(error).toMatchObject({ param, type: 'invalid_request_error', code: 'invalid_request' });
  });

  it.each([
    ['stream', { ...messages, stream: 'yes' }],
    ['model', { ...messages, model: ['default'] }],
    ['temperature', { ...messages, temperature: '1' }],
    ['top_k', { ...messages, top_k: '5' }],
    ['system', { ...messages, system: 5 }],
    ['stop_sequences', { ...messages, stop_sequences: 'END' }],
    ['metadata', { ...messages, metadata: 'tag' }],
    ['tools.0.description', { ...messages, tools: [{ name: 'f', description: 5, input_schema: {} }] }],
    ['tool_choice', { ...messages, tool_choice: 'auto' }],
    ['thinking.budget_tokens', { ...messages, thinking: { type: 'enabled', budget_tokens: '1024' } }],
    [
      'messages.0.content.0.is_error',
      {
        ...messages,
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', is_error: 'yes' }] }],
      },
    ],
    [
      'messages.1.content.0.signature',
      {
        ...messages,
        messages: [
          ...messages.messages,
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'x', signature: 5 }] },
        ],
      },
    ],
    [
      'messages.1.content.0.input',
      {
        ...messages,
        messages: [
          ...messages.messages,
          { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: 'x' }] },
        ],
      },
    ],
  ])('messages: %s', async (field, body) => {
    const response = await send('/v1/messages', body);
    expect(response.status).toBe(400);
    const reply = (await response.json()) as { error: { type: string; message: string } };
    expect(reply.error.type).toBe('invalid_request_error');
    expect(reply.error.message).toContain(`'${field}'`);
  });
});

describe('counts and sizes are bounded, naming the bound', () => {
  const many = <T>(count: number, item: T): T[] => Array.from({ length: count }, () => item);
  const turn = { role: 'user', content: 'x' };

  it.each([
    ['messages', 'maxMessages', { ...chat, messages: many(REQUEST_LIMITS.maxMessages + 1, turn) }],
    [
      'messages[0].content',
      'maxContentParts',
      {
        ...chat,
        messages: [
          { role: 'user', content: many(REQUEST_LIMITS.maxContentParts + 1, { type: 'text', text: 'x' }) },
        ],
      },
    ],
    ['tools', 'maxTools', { ...chat, tools: many(REQUEST_LIMITS.maxTools + 1, tool({})) }],
    ['stop', 'maxStopSequences', { ...chat, stop: many(REQUEST_LIMITS.maxStopSequences + 1, 'END') }],
    [
      'metadata',
      'maxMapEntries',
      {
        ...chat,
        metadata: Object.fromEntries(
          many(REQUEST_LIMITS.maxMapEntries + 1, 0).map((_, index) => [`k${index}`, 'v']),
        ),
      },
    ],
  ])('chat completions: too many %s is a 413 naming %s', async (param, limit, body) => {
    const response = await send('/v1/chat/completions', body);
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as { error: { param: string; message: string; code: string } };
    expect(error).toMatchObject({ param, code: 'request_too_large' });
    expect(error.message).toContain(`limit ${limit}`);
  });

  it.each([
    ['model', 'maxIdentifierLength', { ...chat, model: 'm'.repeat(REQUEST_LIMITS.maxIdentifierLength + 1) }],
    ['user', 'maxShortTextLength', { ...chat, user: 'u'.repeat(REQUEST_LIMITS.maxShortTextLength + 1) }],
  ])('chat completions: a too long %s is a 400 naming %s', async (param, limit, body) => {
    const response = await send('/v1/chat/completions', body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { param: string; message: string } };
    expect(error.param).toBe(param);
    expect(error.message).toContain(`limit ${limit}`);
  });

  it('messages: too many messages is a 413 request_too_large naming maxMessages', async () => {
    const response = await send('/v1/messages', {
      ...messages,
      messages: many(REQUEST_LIMITS.maxMessages + 1, turn),
    });
    expect(response.status).toBe(413);
    const reply = (await response.json()) as { error: { type: string; message: string } };
    expect(reply.error.type).toBe('request_too_large');
    expect(reply.error.message).toContain("'messages'");
    expect(reply.error.message).toContain('limit maxMessages');
  });

  it('accepts a request exactly at the bounds', async () => {
    const response = await send('/v1/chat/completions', {
      ...chat,
      messages: many(REQUEST_LIMITS.maxMessages, turn),
      stop: many(REQUEST_LIMITS.maxStopSequences, 'END'),
    });
    expect(response.status).toBe(200);
  });
});
