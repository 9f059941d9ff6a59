import { ConnectorError, type StreamChunk } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { checkResponseStream } from '../test-support/check-response-stream.js';
import type { GatewayResponse } from './gateway-response.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { ResponseEventEncoder } from './response-event-encoder.js';

const NOW = Date.UTC(2026, 3, 24, 12, 0, 0);
const parsed = (body: Record<string, unknown> = {}) =>
  parseResponsesRequest({ model: 'default', input: 'hi', ...body }, { openAIProviders: [] }, () => NOW);
const usage = { inputTokens: 11, outputTokens: 7, totalTokens: 18, cachedInputTokens: 4, reasoningTokens: 2 };

function encodeAll(chunks: StreamChunk[], encoder = new ResponseEventEncoder(parsed(), { now: () => NOW })) {
  return chunks.map((chunk) => encoder.encode(chunk)).join('');
}

describe('ResponseEventEncoder', () => {
  it('streams a text answer as the spec’s event sequence, numbered from 0, with the final usage', () => {
    // every event names the answering target, as the non-streamed answer of the same call does
    const answering = new ResponseEventEncoder(parsed(), {
      now: () => NOW,
      model: () => 'primary/gpt-4o-mini',
    });
    const stream = checkResponseStream(
      encodeAll(
        [
          { type: 'text-delta', text: 'Hel' },
          { type: 'text-delta', text: '' },
          { type: 'text-delta', text: 'lo' },
          { type: 'finish', finishReason: 'stop', usage, model: 'gpt-4o-mini-2024-07-18' },
        ],
        answering,
      ),
    );
    expect(stream.problems).toEqual([]);
    expect(stream.events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(stream.events.map((event) => event.sequence_number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stream.events[0]?.response).toMatchObject({
      status: 'in_progress',
      usage: null,
      output: [],
      model: 'primary/gpt-4o-mini',
    });
    expect(stream.final).toMatchObject({
      status: 'completed',
      completed_at: NOW / 1000,
      model: 'primary/gpt-4o-mini',
      output: [{ type: 'message', status: 'completed', content: [{ type: 'output_text', text: 'Hello' }] }],
      usage: {
        input_tokens: 11,
        output_tokens: 7,
        total_tokens: 18,
        input_tokens_details: { cached_tokens: 4 },
        output_tokens_details: { reasoning_tokens: 2 },
      },
    });
  });

  it('takes the usage of a usage chunk when the finish chunk carries none', () => {
    const stream = checkResponseStream(
      encodeAll([
        { type: 'text-delta', text: 'x' },
        { type: 'usage', usage },
        { type: 'finish', finishReason: 'stop' },
      ]),
    );
    expect(stream.final.usage?.total_tokens).toBe(18);
  });

  it('streams reasoning as summary events and keeps the provider’s item id and signature', () => {
    const stream = checkResponseStream(
      encodeAll([
        { type: 'reasoning-delta', text: 'Thinking ', id: 'rs_provider_1' },
        { type: 'reasoning-delta', text: 'hard', id: 'rs_provider_1', signature: 'opaque-signature' },
        { type: 'reasoning-delta', text: '', signature: 'redacted-data', redacted: true },
        { type: 'text-delta', text: 'Done.' },
        { type: 'finish', finishReason: 'stop', usage },
      ]),
    );
    expect(stream.problems).toEqual([]);
    expect(
      stream.events
        .filter((event) => event.type.startsWith('response.reasoning_summary'))
        .map((event) => event.type),
    ).toEqual([
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
    ]);
    const [thought, redacted, message] = stream.final.output;
    expect(thought).toEqual({
      type: 'reasoning',
      id: 'rs_provider_1',
      summary: [{ type: 'summary_text', text: 'Thinking hard' }],
      encrypted_content: 'opaque-signature',
    });
    expect(redacted).toMatchObject({ type: 'reasoning', summary: [], encrypted_content: 'redacted-data' });
    expect(redacted?.id).toMatch(/^rs_[0-9a-f]{32}_o1r$/);
    expect(message).toMatchObject({ type: 'message', content: [{ text: 'Done.' }] });
  });

  it('keeps function calls open while their fragments interleave, with consistent indexes', () => {
    const stream = checkResponseStream(
      encodeAll([
        { type: 'text-delta', text: 'Checking.' },
        {
          type: 'tool-call-delta',
          index: 0,
          id: 'call_a',
          name: 'get_weather',
          argumentsDelta: '{"location":',
        },
        { type: 'tool-call-delta', index: 1, id: 'call_b', name: 'get_time', argumentsDelta: '{}' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}', signature: 'thought-sig' },
        { type: 'finish', finishReason: 'tool_calls', usage },
      ]),
    );
    expect(stream.problems).toEqual([]);
    expect(stream.final.output.slice(1)).toEqual([
      {
        type: 'function_call',
        id: expect.stringMatching(/^fc_[0-9a-f]{32}_o1$/),
        call_id: 'call_a',
        name: 'get_weather',
        arguments: '{"location":"Paris"}',
        status: 'completed',
        signature: 'thought-sig',
      },
      {
        type: 'function_call',
        id: expect.stringMatching(/^fc_[0-9a-f]{32}_o2$/),
        call_id: 'call_b',
        name: 'get_time',
        arguments: '{}',
        status: 'completed',
      },
    ]);
  });

  it('ends a length finish with response.incomplete and the last item incomplete', () => {
    const stream = checkResponseStream(
      encodeAll([
        { type: 'text-delta', text: 'A long' },
        { type: 'finish', finishReason: 'length', usage },
      ]),
    );
    expect(stream.problems).toEqual([]);
    expect(stream.events.at(-1)?.type).toBe('response.incomplete');
    expect(stream.final).toMatchObject({
      status: 'incomplete',
      completed_at: null,
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ status: 'incomplete' }],
    });
  });

  it('streams a refusal as a refusal part and ends a content filter incomplete', () => {
    const stream = checkResponseStream(
      encodeAll([{ type: 'finish', finishReason: 'content_filter', refusal: 'I cannot help with that.' }]),
    );
    expect(stream.problems).toEqual([]);
    const types = stream.events.map((event) => event.type);
    expect(types).toContain('response.refusal.delta');
    expect(types).toContain('response.refusal.done');
    expect(stream.final).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
      output: [
        {
          type: 'message',
          status: 'incomplete',
          content: [
            { type: 'output_text', text: '' },
            { type: 'refusal', refusal: 'I cannot help with that.' },
          ],
        },
      ],
    });
  });

  it('answers an empty completion with one empty message', () => {
    const stream = checkResponseStream(encodeAll([{ type: 'finish', finishReason: 'stop', usage }]));
    expect(stream.problems).toEqual([]);
    expect(stream.final.output).toMatchObject([
      { type: 'message', content: [{ type: 'output_text', text: '' }] },
    ]);
  });

  it('reports a failure mid-stream as error then response.failed, open items incomplete', () => {
    const encoder = new ResponseEventEncoder(parsed(), { now: () => NOW });
    let body = encodeAll(
      [
        { type: 'text-delta', text: 'Half an ans' },
        { type: 'tool-call-delta', index: 0, id: 'c', name: 'f', argumentsDelta: '{"a":' },
      ],
      encoder,
    );
    body += encoder.errorFrame(new ConnectorError('stream', 'The upstream connection was reset.'));
    const stream = checkResponseStream(body);
    expect(stream.problems).toEqual([]);
    expect(stream.events.slice(-2).map((event) => event.type)).toEqual(['error', 'response.failed']);
    expect(stream.events.at(-2)).toMatchObject({
      error: {
        type: 'model_error',
        code: 'stream',
        message: 'The upstream connection was reset.',
        param: null,
      },
    });
    expect(stream.final).toMatchObject({
      status: 'failed',
      error: { code: 'stream', message: 'The upstream connection was reset.' },
      output: [
        { type: 'message', status: 'completed', content: [{ text: 'Half an ans' }] },
        { type: 'function_call', status: 'incomplete', arguments: '{"a":' },
      ],
    });
  });

  it('turns a provider-reported error finish into response.failed, never response.completed', () => {
    const stream = checkResponseStream(
      encodeAll([
        { type: 'text-delta', text: 'x' },
        { type: 'finish', finishReason: 'error' },
      ]),
    );
    expect(stream.problems).toEqual([]);
    expect(stream.events.map((event) => event.type)).not.toContain('response.completed');
    expect(stream.final.status).toBe('failed');
  });

  it('hands the finished response to persist before the last events, and writes them after', async () => {
    const kept: GatewayResponse[] = [];
    const encoder = new ResponseEventEncoder(parsed(), {
      now: () => NOW,
      persist: async (response) => {
        kept.push(response);
      },
    });
    const head = encoder.encode({ type: 'text-delta', text: 'Stored.' });
    const finish = { type: 'finish', finishReason: 'stop', usage } as const;
    await encoder.commit(finish);
    const stream = checkResponseStream(head + encoder.encode(finish));
    expect(stream.problems).toEqual([]);
    expect(kept).toEqual([stream.final]);
  });
});

describe('ResponseEventEncoder when storing fails', () => {
  it.each([
    ['after content', [{ type: 'text-delta', text: 'Hi' }] as StreamChunk[]],
    ['on an empty answer', [] as StreamChunk[]],
  ])('reports it %s with numbers that continue where the written events stopped', async (_name, head) => {
    const encoder = new ResponseEventEncoder(parsed(), {
      now: () => NOW,
      persist: () => Promise.reject(new ConnectorError('network', 'The store is down.')),
    });
    let body = encodeAll(head, encoder);
    const finish = { type: 'finish', finishReason: 'stop', usage } as const;
    const failure = await encoder.commit(finish).catch((error: unknown) => error);
    body += encoder.errorFrame(failure);
    const stream = checkResponseStream(body);
    expect(stream.problems).toEqual([]);
    expect(stream.events.slice(-2).map((event) => event.type)).toEqual(['error', 'response.failed']);
    expect(stream.final.error).toEqual({ code: 'network', message: 'The store is down.' });
  });
});
