import { type CompletionRequest, ConnectorError, type Message } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { buildConverseRequest } from './build-converse-request.js';

/**
 * Counts the work a synchronous conversion does without timing it: every read of an input
 * message and every step of an array iterator (spread, `for…of`, destructuring). A conversion
 * that copies what it built so far for each merged message takes steps quadratic in the number
 * of messages; a linear one takes a few per message. Deterministic on any machine.
 */
function conversionSteps(
  messages: readonly Message[],
  convert: (messages: readonly Message[]) => unknown,
): number {
  let steps = 0;
  const count = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        steps++;
        return Reflect.get(object, key, receiver);
      },
    });
  const input = count(messages.map((message) => count(message)));
  const iteratorPrototype = Object.getPrototypeOf([][Symbol.iterator]()) as { next: () => unknown };
  const next = iteratorPrototype.next;
  iteratorPrototype.next = function (this: unknown) {
    steps++;
    return next.call(this);
  };
  try {
    convert(input);
  } finally {
    iteratorPrototype.next = next;
  }
  return steps;
}

const CLAUDE = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const request = (overrides: Partial<CompletionRequest>): CompletionRequest => ({
  model: CLAUDE,
  messages: [{ role: 'user', content: 'hi' }],
  ...overrides,
});

function thrown(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    expect(ConnectorError.isInstance(error)).toBe(true);
    return error as ConnectorError;
  }
  throw new Error('expected a throw');
}

describe('buildConverseRequest', () => {
  it('sends only messages for a bare request, leaving every default to the model', () => {
    expect(buildConverseRequest(request({}))).toEqual({
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
    });
  });

  it('lifts every system message, merges same-role turns and skips empty text and empty turns', () => {
    const messages: Message[] = [
      { role: 'system', content: 'One.' },
      { role: 'user', content: 'a' },
      { role: 'system', content: 'Two.' },
      { role: 'assistant', content: '' },
      {
        role: 'user',
        content: [
          { type: 'text', text: '' },
          { type: 'text', text: 'b' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'unsigned thoughts' },
          { type: 'text', text: 'c' },
        ],
      },
      { role: 'assistant', content: 'd' },
    ];
    expect(buildConverseRequest(request({ messages }))).toEqual({
      system: [{ text: 'One.' }, { text: 'Two.' }],
      messages: [
        { role: 'user', content: [{ text: 'a' }, { text: 'b' }] },
        { role: 'assistant', content: [{ text: 'c' }, { text: 'd' }] },
      ],
    });
  });

  it('marks failed tool results with status error', () => {
    const body = buildConverseRequest(
      request({
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call-1', name: 'run', arguments: '' }] },
          { role: 'tool', toolCallId: 'call-1', content: [{ type: 'text', text: 'boom' }], isError: true },
        ],
        tools: [{ name: 'run', parameters: { type: 'object' } }],
      }),
    );
    expect(body.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ toolUse: { toolUseId: 'call-1', name: 'run', input: {} } }] },
      {
        role: 'user',
        content: [{ toolResult: { toolUseId: 'call-1', content: [{ text: 'boom' }], status: 'error' } }],
      },
    ]);
  });

  it('sends base64 images and base64 data: URLs inline, with their format', () => {
    const body = buildConverseRequest(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', data: PNG, mediaType: 'image/png' } },
              { type: 'image', source: { type: 'url', url: `data:image/webp;base64,${PNG}` } },
              { type: 'image', source: { type: 'base64', data: PNG, mediaType: 'image/jpg' } },
            ],
          },
        ],
      }),
    );
    expect(body.messages[0]?.content).toEqual([
      { image: { format: 'png', source: { bytes: PNG } } },
      { image: { format: 'webp', source: { bytes: PNG } } },
      { image: { format: 'jpeg', source: { bytes: PNG } } },
    ]);
  });

  it.each([
    [{ type: 'url', url: 'https://example.com/a.png' }, 'messages.0.content.0.source'],
    [{ type: 'base64', data: PNG, mediaType: 'image/tiff' }, 'messages.0.content.0.source.mediaType'],
  ] as const)('rejects an image Bedrock cannot take: %o', (source, field) => {
    const error = thrown(() =>
      buildConverseRequest(request({ messages: [{ role: 'user', content: [{ type: 'image', source }] }] })),
    );
    expect(error).toMatchObject({ code: 'invalid_request', field, providerId: 'aws-bedrock' });
  });

  it.each(['not json', '[1,2]'])('rejects tool-call arguments that are not a JSON object: %s', (text) => {
    const error = thrown(() =>
      buildConverseRequest(
        request({
          messages: [
            { role: 'user', content: 'go' },
            { role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 'n', arguments: text }] },
            { role: 'tool', toolCallId: 'c', content: 'r' },
          ],
        }),
      ),
    );
    expect(error).toMatchObject({ code: 'invalid_request', field: 'messages.1.toolCalls.0.arguments' });
  });

  it('maps tool choices, and keeps tools for "none" only when the conversation already uses them', () => {
    const tools = [{ name: 'lookup', parameters: { type: 'object' } }];
    const spec = [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }];
    expect(buildConverseRequest(request({ tools })).toolConfig).toEqual({ tools: spec });
    expect(buildConverseRequest(request({ tools, toolChoice: 'auto' })).toolConfig).toEqual({ tools: spec });
    expect(buildConverseRequest(request({ tools, toolChoice: 'required' })).toolConfig).toEqual({
      tools: spec,
      toolChoice: { any: {} },
    });
    expect(
      buildConverseRequest(request({ tools, toolChoice: { type: 'tool', name: 'lookup' } })).toolConfig,
    ).toEqual({
      tools: spec,
      toolChoice: { tool: { name: 'lookup' } },
    });
    expect(buildConverseRequest(request({ tools, toolChoice: 'none' })).toolConfig).toBeUndefined();
    const withHistory = request({
      tools,
      toolChoice: 'none',
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 'lookup', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'c', content: 'r' },
      ],
    });
    expect(buildConverseRequest(withHistory).toolConfig).toEqual({ tools: spec });
  });

  it('asks for JSON through a final system block, with the schema when given', () => {
    const body = buildConverseRequest(
      request({
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'hi' },
        ],
        responseFormat: {
          type: 'json_schema',
          name: 'answer',
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
      }),
    );
    expect(body.system?.[0]).toEqual({ text: 'Be terse.' });
    expect(body.system?.[1]?.text).toContain('JSON Schema "answer"');
    expect(body.system?.[1]?.text).toContain('{"type":"object","properties":{"a":{"type":"string"}}}');
    expect(buildConverseRequest(request({ responseFormat: { type: 'json' } })).system?.[0]?.text).toMatch(
      /^Respond only with a single valid JSON value/,
    );
  });

  it('enables Claude thinking from a budget or an effort, raising maxTokens above the budget', () => {
    expect(buildConverseRequest(request({ reasoning: { effort: 'high' } }))).toMatchObject({
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 16_384 } },
      inferenceConfig: { maxTokens: 16_384 + 4096 },
    });
    // the request's own maxTokens is kept as given
    expect(
      buildConverseRequest(request({ reasoning: { budgetTokens: 1024 }, maxTokens: 3000 })).inferenceConfig,
    ).toEqual({
      maxTokens: 3000,
    });
    // capped at the model's maximum output (Opus 4.1: 32,000) when that still exceeds the budget
    expect(
      buildConverseRequest(
        request({ model: 'us.anthropic.claude-opus-4-1-20250805-v1:0', reasoning: { budgetTokens: 30_000 } }),
      ).inferenceConfig,
    ).toEqual({ maxTokens: 32_000 });
  });

  it('ignores reasoning for models without extended thinking', () => {
    for (const model of [
      'amazon.nova-pro-v1:0',
      'anthropic.claude-3-5-haiku-20241022-v1:0',
      'meta.llama3-3-70b-instruct-v1:0',
    ]) {
      const body = buildConverseRequest(request({ model, reasoning: { budgetTokens: 2048 } }));
      expect(body.additionalModelRequestFields).toBeUndefined();
      expect(body.inferenceConfig).toBeUndefined();
    }
  });

  it('merges providerParams["aws-bedrock"] last, one level deep into existing objects', () => {
    const body = buildConverseRequest(
      request({
        maxTokens: 100,
        reasoning: { budgetTokens: 1024 },
        providerParams: {
          'aws-bedrock': {
            inferenceConfig: { maxTokens: 200 },
            additionalModelRequestFields: { anthropic_beta: ['interleaved-thinking-2025-05-14'] },
            performanceConfig: { latency: 'optimized' },
          },
          anthropic: { top_k: 3 },
        },
      }),
    );
    expect(body).toMatchObject({
      inferenceConfig: { maxTokens: 200 },
      additionalModelRequestFields: {
        thinking: { type: 'enabled', budget_tokens: 1024 },
        anthropic_beta: ['interleaved-thinking-2025-05-14'],
      },
      performanceConfig: { latency: 'optimized' },
    });
    expect(body).not.toHaveProperty('top_k');
  });

  it('drops seed and user, which Converse has no field for', () => {
    expect(buildConverseRequest(request({ seed: 7, user: 'u-1' }))).toEqual({
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
    });
  });
});

describe('buildConverseRequest work', () => {
  const MESSAGES = 3000;
  const build = (messages: readonly Message[]) => buildConverseRequest(request({ messages }));

  it('merges a long run of user messages into one turn in a single pass', () => {
    const users = (): Message[] =>
      Array.from({ length: MESSAGES }, (_, index) => ({ role: 'user' as const, content: `m${index}` }));
    const body = build(users());
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]?.content).toHaveLength(MESSAGES);
    expect(conversionSteps(users(), build)).toBeLessThan(40 * MESSAGES);
  });

  it('does work proportional to the conversation, whatever its shape', () => {
    const mixed: Message[] = [];
    for (let index = 0; index < MESSAGES / 3; index++) {
      mixed.push(
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a', toolCalls: [{ id: `c${index}`, name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: `c${index}`, content: 'ok' },
      );
    }
    expect(conversionSteps(mixed, build)).toBeLessThan(40 * MESSAGES);
  });

  it('merges a user message of 200,000 parts without spreading them as arguments', () => {
    const parts = Array.from({ length: 200_000 }, () => ({ type: 'text' as const, text: 'x' }));
    const body = build([
      { role: 'user', content: 'first' },
      { role: 'user', content: parts },
    ]);
    expect(body.messages[0]?.content).toHaveLength(200_001);
  });
});

describe('buildConverseRequest depth', () => {
  // 10,000 levels: JSON.stringify and any recursive walk overflow the stack long before
  const deep = (): Record<string, unknown> => {
    let value: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 10_000; level++) value = { type: 'object', properties: { next: value } };
    return value;
  };
  const deepArguments = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;

  it.each([
    [
      'tools.1.parameters',
      {
        tools: [
          { name: 'ok', parameters: {} },
          { name: 'deep', parameters: deep() },
        ],
      },
    ],
    ['responseFormat.schema', { responseFormat: { type: 'json_schema', name: 'r', schema: deep() } }],
    ['providerParams.aws-bedrock', { providerParams: { 'aws-bedrock': { requestMetadata: deep() } } }],
    [
      'messages.1.toolCalls.0.arguments',
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: '', toolCalls: [{ id: 't1', name: 'f', arguments: deepArguments }] },
          { role: 'tool', toolCallId: 't1', content: 'ok' },
        ],
      },
    ],
  ] as const)(
    'rejects a 10,000-level %s as invalid_request naming it, never a RangeError',
    (field, overrides) => {
      const error = thrown(() =>
        buildConverseRequest(request(overrides as unknown as Partial<CompletionRequest>)),
      );
      expect(error).toMatchObject({ code: 'invalid_request', field, providerId: 'aws-bedrock' });
    },
  );
});
