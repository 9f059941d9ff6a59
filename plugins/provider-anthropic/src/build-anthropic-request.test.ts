import { type CompletionRequest, ConnectorError, type Message } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { buildAnthropicRequest, FALLBACK_MAX_TOKENS } from './build-anthropic-request.js';

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

const base: CompletionRequest = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] };

function invalidField(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(ConnectorError.isInstance(error)).toBe(true);
    expect((error as ConnectorError).code).toBe('invalid_request');
    return (error as ConnectorError).field;
  }
  throw new Error('expected invalid_request');
}

describe('buildAnthropicRequest', () => {
  describe('max_tokens', () => {
    it('takes the request, then defaultMaxTokens, then the catalog, then 4096', () => {
      expect(
        buildAnthropicRequest({ ...base, maxTokens: 10 }, { stream: false, defaultMaxTokens: 20 }).max_tokens,
      ).toBe(10);
      expect(buildAnthropicRequest(base, { stream: false, defaultMaxTokens: 20 }).max_tokens).toBe(20);
      expect(buildAnthropicRequest(base, { stream: false }).max_tokens).toBe(64_000);
      expect(
        buildAnthropicRequest({ ...base, model: 'claude-3-5-haiku-20241022' }, { stream: false }).max_tokens,
      ).toBe(8192);
      expect(buildAnthropicRequest({ ...base, model: 'claude-unknown' }, { stream: false }).max_tokens).toBe(
        FALLBACK_MAX_TOKENS,
      );
    });

    it('raises a default max_tokens above the thinking budget, but never an explicit one', () => {
      const raised = buildAnthropicRequest(
        { ...base, reasoning: { budgetTokens: 8000 } },
        { stream: false, defaultMaxTokens: 1000 },
      );
      expect(raised.max_tokens).toBe(8000 + FALLBACK_MAX_TOKENS);
      const explicit = buildAnthropicRequest(
        { ...base, maxTokens: 500, reasoning: { budgetTokens: 8000 } },
        { stream: false },
      );
      expect(explicit.max_tokens).toBe(500);
    });
  });

  describe('thinking', () => {
    it('maps an effort to a budget and leaves thinking out for models without it', () => {
      expect(
        buildAnthropicRequest({ ...base, reasoning: { effort: 'low' } }, { stream: false }).thinking,
      ).toEqual({
        type: 'enabled',
        budget_tokens: 2048,
      });
      expect(
        buildAnthropicRequest(
          { ...base, reasoning: { effort: 'high', budgetTokens: 3000 } },
          { stream: false },
        ).thinking,
      ).toEqual({ type: 'enabled', budget_tokens: 3000 });
      expect(
        buildAnthropicRequest({ ...base, reasoning: { effort: 'none' } }, { stream: false }).thinking,
      ).toBeUndefined();
      expect(
        buildAnthropicRequest({ ...base, reasoning: { effort: 'xhigh' } }, { stream: false }).thinking,
      ).toEqual({
        type: 'enabled',
        budget_tokens: 32_768,
      });
      expect(
        buildAnthropicRequest(
          { ...base, model: 'claude-3-5-haiku-latest', reasoning: { budgetTokens: 3000 } },
          { stream: false },
        ).thinking,
      ).toBeUndefined();
      expect(buildAnthropicRequest(base, { stream: false }).thinking).toBeUndefined();
    });

    it('drops unsigned reasoning and empty text, and sends redacted reasoning as redacted_thinking', () => {
      const body = buildAnthropicRequest(
        {
          ...base,
          messages: [
            { role: 'user', content: 'Hi' },
            {
              role: 'assistant',
              content: [
                { type: 'reasoning', text: 'unsigned, from another provider' },
                { type: 'reasoning', text: '', signature: 'opaque-data', redacted: true },
                { type: 'text', text: '' },
                { type: 'text', text: 'Hello' },
              ],
            },
            { role: 'assistant', content: [{ type: 'reasoning', text: 'only unsigned reasoning' }] },
            { role: 'user', content: 'Again' },
          ],
        },
        { stream: false },
      );
      expect(body.messages).toEqual([
        { role: 'user', content: 'Hi' },
        {
          role: 'assistant',
          content: [
            { type: 'redacted_thinking', data: 'opaque-data' },
            { type: 'text', text: 'Hello' },
          ],
        },
        { role: 'user', content: 'Again' },
      ]);
    });

    it('merges the user turns around an assistant turn that ends up empty', () => {
      const body = buildAnthropicRequest(
        {
          ...base,
          messages: [
            { role: 'user', content: 'One' },
            { role: 'assistant', content: '' },
            { role: 'user', content: 'Two' },
          ],
        },
        { stream: false },
      );
      expect(body.messages).toEqual([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'One' },
            { type: 'text', text: 'Two' },
          ],
        },
      ]);
    });
  });

  describe('validation before I/O', () => {
    it('rejects a temperature above Anthropic’s range of 0 to 1', () => {
      expect(
        invalidField(() => buildAnthropicRequest({ ...base, temperature: 1.5 }, { stream: false })),
      ).toBe('temperature');
      expect(buildAnthropicRequest({ ...base, temperature: 1 }, { stream: false }).temperature).toBe(1);
    });

    it('rejects tool-call arguments that are JSON but not an object, and accepts empty arguments as {}', () => {
      const conversation = (argumentsText: string): CompletionRequest => ({
        ...base,
        messages: [
          { role: 'user', content: 'Hi' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 't1', name: 'now', arguments: argumentsText }],
          },
          { role: 'tool', toolCallId: 't1', content: 'noon' },
        ],
      });
      expect(invalidField(() => buildAnthropicRequest(conversation('[1, 2]'), { stream: false }))).toBe(
        'messages.1.toolCalls.0.arguments',
      );
      const body = buildAnthropicRequest(conversation(''), { stream: false });
      expect(body.messages[1]).toEqual({
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'now', input: {} }],
      });
    });

    it('rejects an image data URL that is not base64', () => {
      const request: CompletionRequest = {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'data:image/png,raw' } }] },
        ],
      };
      expect(invalidField(() => buildAnthropicRequest(request, { stream: false }))).toBe(
        'messages.0.content.0.source.url',
      );
    });
  });

  describe('response format and provider params', () => {
    it('adds a JSON instruction as the system prompt when there is none', () => {
      const body = buildAnthropicRequest({ ...base, responseFormat: { type: 'json' } }, { stream: false });
      expect(body.system).toMatch(/^Respond only with a single valid JSON value\./);
      expect(
        buildAnthropicRequest({ ...base, responseFormat: { type: 'text' } }, { stream: false }).system,
      ).toBeUndefined();
    });

    it('merges providerParams.anthropic last, so a system array with cache_control wins', () => {
      const system = [{ type: 'text', text: 'Long reference text', cache_control: { type: 'ephemeral' } }];
      const body = buildAnthropicRequest(
        {
          ...base,
          messages: [
            { role: 'system', content: 'Replaced' },
            { role: 'user', content: 'Hi' },
          ],
          user: 'u1',
          providerParams: { anthropic: { system, top_k: 3, metadata: { user_id: 'u2' } } },
        },
        { stream: true },
      );
      expect(body).toMatchObject({ system, top_k: 3, metadata: { user_id: 'u2' }, stream: true });
    });

    it('leaves tool_choice out when there are no tools', () => {
      const body = buildAnthropicRequest({ ...base, toolChoice: 'required' }, { stream: false });
      expect(body.tools).toBeUndefined();
      expect(body.tool_choice).toBeUndefined();
    });

    it('turns parallelToolCalls: false into disable_parallel_tool_use, except for none', () => {
      const tools = [{ name: 'lookup', parameters: { type: 'object' } }];
      const choiceOf = (request: Partial<CompletionRequest>) =>
        buildAnthropicRequest({ ...base, tools, ...request }, { stream: false }).tool_choice;
      expect(choiceOf({ parallelToolCalls: false })).toEqual({
        type: 'auto',
        disable_parallel_tool_use: true,
      });
      expect(choiceOf({ parallelToolCalls: false, toolChoice: 'required' })).toEqual({
        type: 'any',
        disable_parallel_tool_use: true,
      });
      expect(choiceOf({ parallelToolCalls: false, toolChoice: { type: 'tool', name: 'lookup' } })).toEqual({
        type: 'tool',
        name: 'lookup',
        disable_parallel_tool_use: true,
      });
      expect(choiceOf({ parallelToolCalls: false, toolChoice: 'none' })).toEqual({ type: 'none' });
      // parallel calls are Anthropic's default: nothing to send
      expect(choiceOf({ parallelToolCalls: true })).toBeUndefined();
    });
  });
});

describe('buildAnthropicRequest work', () => {
  const MESSAGES = 3000;
  const build = (messages: readonly Message[]) =>
    buildAnthropicRequest({ ...base, messages }, { stream: false });

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

describe('buildAnthropicRequest depth', () => {
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
    ['providerParams.anthropic', { providerParams: { anthropic: { metadata: deep() } } }],
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
      const request = { ...base, ...overrides } as unknown as CompletionRequest;
      expect(invalidField(() => buildAnthropicRequest(request, { stream: false }))).toBe(field);
    },
  );
});
