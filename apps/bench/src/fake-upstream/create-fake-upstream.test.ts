import { OpenAI } from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlRequest } from './control-request.js';
import {
  CONTROL_COUNTS_PATH,
  CONTROL_RELEASE_PATH,
  createFakeUpstream,
  type FakeUpstream,
} from './create-fake-upstream.js';

const CHUNKS = 5;
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await createFakeUpstream({ chunks: CHUNKS });
});
afterAll(() => upstream.close());

const body = (stream: boolean): string =>
  JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Say hello.' }],
    ...(stream && { stream: true, stream_options: { include_usage: true } }),
  });

function dataEvents(text: string): string[] {
  return text
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      return event.slice('data: '.length);
    });
}

describe('createFakeUpstream', () => {
  it('listens on loopback only', () => {
    expect(upstream.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a completion with a chat.completion object, usage and OpenAI headers', async () => {
    const response = await request(`${upstream.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(false),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-ratelimit-remaining-requests']).toBe('29999');
    const completion = (await response.body.json()) as {
      object: string;
      choices: { message: { role: string; content: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    };
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: upstream.frames.completionText,
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage.total_tokens).toBe(
      completion.usage.prompt_tokens + completion.usage.completion_tokens,
    );
  });

  it('streams role, content, finish and usage chunks, then [DONE], with chunked encoding', async () => {
    const response = await request(`${upstream.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(true),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const events = dataEvents(await response.body.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(chunks).toHaveLength(CHUNKS + 3);
    for (const chunk of chunks) {
      expect(chunk.object).toBe('chat.completion.chunk');
      expect(chunk.id).toBe(chunks[0].id);
    }
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const text = chunks
      .slice(1, 1 + CHUNKS)
      .map((chunk) => chunk.choices[0].delta.content)
      .join('');
    expect(text).toBe(upstream.frames.streamText);
    expect(chunks[CHUNKS + 1].choices[0].finish_reason).toBe('stop');
    expect(chunks[CHUNKS + 2].choices).toEqual([]);
    expect(chunks[CHUNKS + 2].usage.completion_tokens).toBe(CHUNKS);
  });

  it('is read correctly by the official openai SDK, plain and streamed', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${upstream.origin}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    expect(completion.choices[0]?.message.content).toBe(upstream.frames.completionText);

    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage.completion_tokens;
    }
    expect(text).toBe(upstream.frames.streamText);
    expect(usage).toBe(CHUNKS);
  });

  it('writes a /per-event stream one event per write, with the same events as a burst', async () => {
    const response = await request(`${upstream.origin}/per-event/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(true),
    });
    const pieces: string[] = [];
    for await (const piece of response.body as AsyncIterable<Buffer>) pieces.push(piece.toString('utf8'));
    const events = dataEvents(pieces.join(''));
    expect(events).toHaveLength(CHUNKS + 4);
    expect(events.at(-1)).toBe('[DONE]');
    // a burst arrives in one read; events written apart arrive in several
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.endsWith('\n\n')).toBe(true);
  });

  it('answers embeddings in base64 (the openai SDK default) and as floats, one vector per input', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${upstream.origin}/v1`, maxRetries: 0 });
    const input = ['one', 'two', 'three'];
    const decoded = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input,
      dimensions: 16,
    });
    expect(decoded.data).toHaveLength(3);
    expect(decoded.data[2]?.embedding).toHaveLength(16);
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input,
      dimensions: 16,
      encoding_format: 'float',
    });
    expect(floats.data[2]?.embedding[7]).toBeCloseTo(decoded.data[2]?.embedding[7] as number, 6);
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('rejects an embeddings request without input, as OpenAI does, with a 400', async () => {
    const response = await request(`${upstream.origin}/v1/embeddings`, {
      method: 'POST',
      body: JSON.stringify({ model: 'text-embedding-3-small' }),
    });
    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('holds a /hold stream after its first content chunk until released', async () => {
    const before = upstream.counts();
    const response = await request(`${upstream.origin}/hold/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(true),
    });
    response.body.setEncoding('utf8');
    const iterator = (response.body as AsyncIterable<string>)[Symbol.asyncIterator]();
    let received = '';
    while (dataEvents(received).length < 2) received += (await iterator.next()).value;
    expect(dataEvents(received)).toHaveLength(2);
    expect(JSON.parse(dataEvents(received)[1] as string).choices[0].delta.content).toBe('tok0 ');

    const counts = await controlRequest<{ held: number; streams: number }>(
      upstream.origin,
      'GET',
      CONTROL_COUNTS_PATH,
    );
    expect(counts).toMatchObject({ held: 1, streams: before.streams + 1 });
    expect(await controlRequest(upstream.origin, 'POST', CONTROL_RELEASE_PATH)).toEqual({ released: 1 });

    for (let next = await iterator.next(); !next.done; next = await iterator.next()) received += next.value;
    const events = dataEvents(received);
    expect(events).toHaveLength(CHUNKS + 4);
    expect(events.at(-1)).toBe('[DONE]');
    expect(upstream.counts().held).toBe(0);
  });

  it('lists its model and answers unknown paths with an OpenAI error', async () => {
    const models = await request(`${upstream.origin}/v1/models`);
    expect(await models.body.json()).toMatchObject({ object: 'list', data: [{ id: 'gpt-4o-mini' }] });
    const missing = await request(`${upstream.origin}/v1/unknown`, { method: 'POST', body: '{}' });
    expect(missing.statusCode).toBe(404);
    expect(await missing.body.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});
