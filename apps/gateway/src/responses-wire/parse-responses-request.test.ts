import { type CompletionResponse, ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { itemsToMessages } from './items-to-messages.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { toResponseResource } from './to-response-resource.js';

const parse = (body: Record<string, unknown>, openAIProviders: string[] = []) =>
  parseResponsesRequest({ model: 'default', ...body }, { openAIProviders });

const refusal = (body: Record<string, unknown>): ConnectorError => {
  try {
    parse(body);
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the request was accepted');
};

describe('parseResponsesRequest', () => {
  it('reads a string input as one user message after the instructions', () => {
    const parsed = parse({ input: 'Hello', instructions: 'Be brief.' });
    expect(parsed.request.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
    ]);
    expect(parsed.store).toBe(true);
    expect(parsed.stream).toBe(false);
    expect(parsed.ids.responseId).toMatch(/^resp_[0-9a-f]{32}$/);
  });

  it('maps every item kind onto unified messages, in order', () => {
    const parsed = parse({
      input: [
        { role: 'developer', content: 'Use tools.' },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather and this picture?' },
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
            { type: 'input_image', image_url: 'https://example.com/cat.png' },
          ],
        },
        {
          type: 'reasoning',
          id: 'rs_upstream',
          summary: [{ type: 'summary_text', text: 'Need the tool.' }],
          encrypted_content: 'enc',
        },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        {
          type: 'function_call',
          call_id: 'call_1',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
          signature: 'sig-1',
        },
        { type: 'function_call_output', call_id: 'call_1', output: [{ type: 'input_text', text: '18°C' }] },
        { role: 'assistant', content: 'It is 18°C.' },
        { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Stay polite.' }] },
      ],
    });
    expect(parsed.request.messages).toEqual([
      { role: 'system', content: 'Use tools.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather and this picture?' },
          { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'AAAA' }, detail: 'low' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' }, detail: 'auto' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Need the tool.', signature: 'enc', id: 'rs_upstream' },
          { type: 'text', text: 'Checking.' },
        ],
        toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', signature: 'sig-1' }],
      },
      { role: 'tool', toolCallId: 'call_1', content: '18°C' },
      { role: 'assistant', content: 'It is 18°C.' },
      { role: 'system', content: 'Stay polite.' },
    ]);
  });

  it('maps the settings onto the unified request and passes OpenAI-only fields to OpenAI providers', () => {
    const parsed = parse(
      {
        input: 'x',
        temperature: 0.2,
        top_p: 0.9,
        max_output_tokens: 256,
        parallel_tool_calls: false,
        reasoning: { effort: 'low', summary: 'auto' },
        text: {
          format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
          verbosity: 'low',
        },
        metadata: { team: 'a' },
        safety_identifier: 'user-42',
        presence_penalty: 0.5,
        service_tier: 'flex',
      },
      ['openai'],
    );
    expect(parsed.request).toMatchObject({
      temperature: 0.2,
      topP: 0.9,
      maxTokens: 256,
      parallelToolCalls: false,
      reasoning: { effort: 'low' },
      responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
      metadata: { team: 'a' },
      user: 'user-42',
      providerParams: { openai: { presence_penalty: 0.5, service_tier: 'flex', verbosity: 'low' } },
    });
    expect(parsed.settings).toMatchObject({
      temperature: 0.2,
      max_output_tokens: 256,
      reasoning: { effort: 'low', summary: 'auto' },
      text: { format: { type: 'json_schema', name: 'answer', schema: null, strict: true }, verbosity: 'low' },
      safety_identifier: 'user-42',
      service_tier: 'flex',
    });
    expect(parse({ input: 'x', text: { format: { type: 'json_object' } } }).request.responseFormat).toEqual({
      type: 'json',
    });
  });

  it('forces a named function and narrows the tools to allowed_tools', () => {
    const tools = ['a', 'b', 'c'].map((name) => ({ type: 'function', name, parameters: { type: 'object' } }));
    expect(
      parse({ input: 'x', tools, tool_choice: { type: 'function', name: 'b' } }).request.toolChoice,
    ).toEqual({
      type: 'tool',
      name: 'b',
    });
    const allowed = parse({
      input: 'x',
      tools,
      tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'c' }], mode: 'required' },
    });
    expect(allowed.request.tools?.map((tool) => tool.name)).toEqual(['c']);
    expect(allowed.request.toolChoice).toBe('required');
    expect(allowed.settings.tools.map((tool) => tool.name)).toEqual(['a', 'b', 'c']);
    const unknown = refusal({
      input: 'x',
      tools,
      tool_choice: { type: 'allowed_tools', tools: [{ type: 'function', name: 'z' }] },
    });
    expect(unknown.field).toBe('tool_choice.tools[0].name');
  });

  it('keeps item references for the store to resolve', () => {
    const parsed = parse({ input: [{ type: 'item_reference', id: 'msg_1' }, { id: 'msg_2' }] });
    expect(parsed.input).toEqual([
      { reference: 'msg_1', index: 0 },
      { reference: 'msg_2', index: 1 },
    ]);
  });

  it.each([
    ['tools[0].type', { input: 'x', tools: [{ type: 'web_search' }] }, 'web_search'],
    [
      'tools[0].type',
      { input: 'x', tools: [{ type: 'file_search', vector_store_ids: ['vs'] }] },
      'file_search',
    ],
    ['background', { input: 'x', background: true }, 'foreground'],
    ['conversation', { input: 'x', conversation: 'conv_1' }, 'previous_response_id'],
    ['prompt', { input: 'x', prompt: { id: 'pmpt_1' } }, 'prompt templates'],
    ['include[0]', { input: 'x', include: ['message.output_text.logprobs'] }, 'reasoning.encrypted_content'],
    ['top_logprobs', { input: 'x', top_logprobs: 5 }, 'log probabilities'],
    ['reasoning.effort', { input: 'x', reasoning: { effort: 'maximum' } }, '"xhigh"'],
    [
      'input[0].content[0].type',
      { input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] },
      'input_file',
    ],
    [
      'input[0].content[0].image_url',
      { input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'f' }] }] },
      'file_id',
    ],
    [
      'input[0].type',
      { input: [{ type: 'web_search_call', id: 'ws_1', status: 'completed' }] },
      'not supported',
    ],
    [
      'input[0].output[0].type',
      {
        input: [
          { type: 'function_call_output', call_id: 'c', output: [{ type: 'input_image', image_url: 'u' }] },
        ],
      },
      'images and files',
    ],
    ['tool_choice.type', { input: 'x', tool_choice: { type: 'web_search' } }, 'built-in tools'],
    ['stream', { input: 'x', stream: 'yes' }, 'boolean'],
    ['input', {}, 'previous_response_id'],
  ])('refuses %s with a 400 naming it', (field, body, words) => {
    const error = refusal(body);
    expect([error.code, error.field, error.status]).toEqual(['invalid_request', field, undefined]);
    expect(error.message).toContain(`'${field}'`);
    expect(error.message).toContain(words);
  });
});

describe('output items as input', () => {
  it('round-trips reasoning, signatures and tool calls losslessly through a stateless client', () => {
    const parsed = parse({ input: 'x' });
    const response: CompletionResponse = {
      id: 'r',
      provider: 'p',
      model: 'm',
      text: 'Answer',
      content: [
        { type: 'reasoning', text: 'thought', signature: 'sig', id: 'rs_provider' },
        { type: 'reasoning', text: '', signature: 'redacted-data', redacted: true },
        { type: 'reasoning', text: 'unsigned' },
        { type: 'text', text: 'Answer' },
        { type: 'tool-call', id: 'call_9', name: 'lookup', arguments: '{"q":1}', signature: 'gemini-sig' },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    };
    const resource = toResponseResource(response, parsed, 0);
    // what an OpenAI SDK user does: send the output back as input
    const next = parse({ input: JSON.parse(JSON.stringify(resource.output)) });
    expect(next.request.messages).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thought', signature: 'sig', id: 'rs_provider' },
          { type: 'reasoning', text: '', signature: 'redacted-data', redacted: true },
          { type: 'reasoning', text: 'unsigned' },
          { type: 'text', text: 'Answer' },
        ],
        toolCalls: [{ id: 'call_9', name: 'lookup', arguments: '{"q":1}', signature: 'gemini-sig' }],
      },
    ]);
    expect(itemsToMessages(null, resource.output)).toEqual(next.request.messages);
  });
});
