import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { foldStream } from './fold-stream.js';
import { responseToChunks } from './response-to-stream.js';
import type { StreamChunk } from './stream-chunk.js';
import { StreamFolder } from './stream-folder.js';

async function* from(chunks: StreamChunk[]): AsyncGenerator<StreamChunk> {
  yield* chunks;
}

describe('foldStream', () => {
  it('folds text, reasoning and tool-call fragments in order with finish data', async () => {
    const response = await foldStream(
      from([
        { type: 'reasoning-delta', text: 'think ' },
        { type: 'reasoning-delta', text: 'hard', signature: 'sig' },
        { type: 'text-delta', text: 'Hel' },
        { type: 'text-delta', text: 'lo' },
        { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'get_weather', argumentsDelta: '{"ci' },
        { type: 'tool-call-delta', index: 1, id: 'call_2', name: 'get_time', argumentsDelta: '{}' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: 'ty":"Paris"}' },
        { type: 'usage', usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 } },
        { type: 'finish', finishReason: 'tool_calls', responseId: 'resp_1', model: 'm-2024' },
      ]),
      { provider: 'p', model: 'm' },
    );
    expect(response).toEqual({
      id: 'resp_1',
      provider: 'p',
      model: 'm-2024',
      text: 'Hello',
      content: [
        { type: 'reasoning', text: 'think hard', signature: 'sig' },
        { type: 'text', text: 'Hello' },
        { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 },
    });
  });

  it('keeps consecutive signed reasoning blocks apart and carries redaction', async () => {
    const response = await foldStream(
      from([
        { type: 'reasoning-delta', text: 'first' },
        { type: 'reasoning-delta', text: '', signature: 's1' },
        { type: 'reasoning-delta', text: '', signature: 'opaque', redacted: true },
        { type: 'text-delta', text: 'answer' },
        { type: 'finish', finishReason: 'stop' },
      ]),
      { provider: 'p', model: 'm' },
    );
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'first', signature: 's1' },
      { type: 'reasoning', text: '', signature: 'opaque', redacted: true },
      { type: 'text', text: 'answer' },
    ]);
    const replayed = await foldStream(from(responseToChunks(response)), { provider: 'p', model: 'm' });
    expect(replayed.content).toEqual(response.content);
  });

  it('keeps tool calls where they started and carries their signatures', async () => {
    const response = await foldStream(
      from([
        {
          type: 'tool-call-delta',
          index: 0,
          id: 'c1',
          name: 'lookup',
          argumentsDelta: '{"q":',
          signature: 'sig-1',
        },
        { type: 'text-delta', text: 'meanwhile' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
        { type: 'finish', finishReason: 'tool_calls' },
      ]),
      { provider: 'p', model: 'm' },
    );
    expect(response.content).toEqual([
      { type: 'tool-call', id: 'c1', name: 'lookup', arguments: '{"q":1}', signature: 'sig-1' },
      { type: 'text', text: 'meanwhile' },
    ]);
    const replayed = await foldStream(from(responseToChunks(response)), { provider: 'p', model: 'm' });
    expect(replayed.content).toEqual(response.content);
  });

  it('throws a stream error when the finish chunk is missing', async () => {
    const error = await foldStream(from([{ type: 'text-delta', text: 'cut' }]), {
      provider: 'p',
      model: 'm',
    }).catch((thrown: unknown) => thrown);
    expect(ConnectorError.isInstance(error) && error.code).toBe('stream');
  });

  it('round-trips a response through responseToChunks', async () => {
    const original = await foldStream(
      from([
        { type: 'text-delta', text: 'a' },
        { type: 'tool-call-delta', index: 0, id: 'c', name: 'n', argumentsDelta: '{"x":1}' },
        {
          type: 'finish',
          finishReason: 'tool_calls',
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          responseId: 'r',
          model: 'm',
        },
      ]),
      { provider: 'p', model: 'm' },
    );
    const replayed = await foldStream(from(responseToChunks(original)), { provider: 'p', model: 'm' });
    expect(replayed).toEqual(original);
  });
});

describe('reasoning item ids', () => {
  it('keeps each reasoning item apart by id and round-trips it through replay', () => {
    const folder = new StreamFolder({ provider: 'openai', model: 'o4-mini', id: 'r' });
    folder.push({ type: 'reasoning-delta', text: 'first ', id: 'rs_1' });
    folder.push({ type: 'reasoning-delta', text: 'thought', id: 'rs_1' });
    folder.push({ type: 'reasoning-delta', text: '', id: 'rs_2', signature: 'encrypted-2' });
    folder.push({ type: 'text-delta', text: 'answer' });
    folder.push({ type: 'finish', finishReason: 'stop' });
    const response = folder.result();
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'first thought', id: 'rs_1' },
      { type: 'reasoning', text: '', signature: 'encrypted-2', id: 'rs_2' },
      { type: 'text', text: 'answer' },
    ]);
    const replayed = new StreamFolder({ provider: 'openai', model: 'o4-mini', id: 'r' });
    for (const chunk of responseToChunks(response)) replayed.push(chunk);
    expect(replayed.result().content).toEqual(response.content);
  });
});
