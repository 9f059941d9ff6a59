import { describe, expect, it } from 'vitest';
import type { HubOperation } from '../contracts/hub-operation.js';
import { isEmbeddingRequest } from '../contracts/hub-operation.js';
import type { Middleware } from '../contracts/middleware.js';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import { ConnectorError } from '../errors/connector-error.js';
import type { EmbeddingRequest } from '../model/embedding-request.js';
import { type FakeProvider, fakeProvider } from '../test-support/fake-provider.js';
import { createHub } from './create-hub.js';

const embeddingModel = (id: string, dimensions: number, flexibleDimensions = false): ModelInfo => ({
  id,
  contextWindow: 8192,
  capabilities: { streaming: false, tools: false, vision: false, json: false, embedding: true },
  embedding: { dimensions, flexibleDimensions },
});

/** A fake provider whose `embed` answers each input with a vector of `length` filled with its index. */
function embedder(
  providerId: string,
  models: ModelInfo[],
  failures: ConnectorError[] = [],
): FakeProvider & { embedded: EmbeddingRequest[] } {
  const embedded: EmbeddingRequest[] = [];
  const provider = fakeProvider(providerId, [], models) as FakeProvider & { embedded: EmbeddingRequest[] };
  provider.embedded = embedded;
  provider.embed = async (request) => {
    embedded.push(request);
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
    const inputs = typeof request.input === 'string' ? [request.input] : request.input;
    const length =
      request.dimensions ?? models.find((model) => model.id === request.model)?.embedding?.dimensions ?? 3;
    return {
      provider: providerId,
      model: request.model,
      embeddings: inputs.map((_, index) => new Float32Array(length).fill(index)),
      usage: { inputTokens: inputs.length * 2 },
    };
  };
  return provider;
}

describe('hub.embed', () => {
  it('embeds through middleware that lists embed, in input order', async () => {
    const seen: string[] = [];
    const listing: Middleware<'complete' | 'stream' | 'embed'> = {
      name: 'lists-embed',
      operations: ['complete', 'stream', 'embed'],
      onRequest(request, context) {
        seen.push(`${context.operation}:${isEmbeddingRequest(request) ? 'embedding' : 'completion'}`);
      },
    };
    const chatOnly: Middleware = {
      name: 'chat-only',
      onRequest: () => {
        seen.push('chat-only');
      },
    };
    const hub = createHub({
      providers: [embedder('e', [embeddingModel('small', 4)])],
      middleware: [listing, chatOnly],
    });
    const response = await hub.embed({ model: 'e/small', input: ['a', 'b', 'c'] });
    expect(response.embeddings.map((vector) => [vector.length, vector[0]])).toEqual([
      [4, 0],
      [4, 1],
      [4, 2],
    ]);
    expect(response.usage.inputTokens).toBe(6);
    expect(seen).toEqual(['embed:embedding']);
  });

  it('rejects bad input before any provider call, naming the field', async () => {
    const provider = embedder('e', []);
    const hub = createHub({ providers: [provider] });
    await expect(hub.embed({ model: 'e/m', input: [] })).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'input',
    });
    await expect(hub.embed({ model: 'e/m', input: ['ok', ''] })).rejects.toMatchObject({ field: 'input.1' });
    await expect(hub.embed({ model: 'e/m', input: 'x', dimensions: 0 })).rejects.toMatchObject({
      field: 'dimensions',
    });
    const tooMany = Array.from({ length: 10_001 }, () => 'x');
    await expect(hub.embed({ model: 'e/m', input: tooMany })).rejects.toMatchObject({
      field: 'input',
      status: 413,
    });
    expect(provider.embedded).toHaveLength(0);
  });

  it('refuses a provider without embeddings as unsupported', async () => {
    const hub = createHub({ providers: [fakeProvider('chat')] });
    await expect(hub.embed({ model: 'chat/m', input: 'x' })).rejects.toMatchObject({
      code: 'unsupported',
      field: 'model',
    });
  });

  it('falls back only to targets producing vectors of the same length', async () => {
    const failing = embedder(
      'a',
      [embeddingModel('a-1536', 1536)],
      [new ConnectorError('overloaded', 'busy')],
    );
    const otherLength = embedder('b', [embeddingModel('b-768', 768)]);
    const sameLength = embedder('c', [embeddingModel('c-1536', 1536)]);
    const hub = createHub({
      providers: [failing, otherLength, sameLength],
      routes: { vectors: ['a/a-1536', 'b/b-768', 'c/c-1536'] },
    });
    const response = await hub.embed({ model: 'vectors', input: 'x' });
    expect(response.provider).toBe('c');
    expect(response.embeddings[0]).toHaveLength(1536);
    expect(sameLength.embedded[0]?.dimensions).toBeUndefined();
    expect(otherLength.embedded).toHaveLength(0);
  });

  it('shortens vectors only on models that can, when dimensions is given', async () => {
    const fixed = embedder('a', [embeddingModel('fixed', 1024)]);
    const flexible = embedder('b', [embeddingModel('flexible', 3072, true)]);
    const hub = createHub({ providers: [fixed, flexible], routes: { vectors: ['a/fixed', 'b/flexible'] } });
    const response = await hub.embed({ model: 'vectors', input: 'x', dimensions: 256 });
    expect([response.provider, response.embeddings[0]?.length]).toEqual(['b', 256]);
    expect(fixed.embedded).toHaveLength(0);
  });

  it('labels metrics with the embed operation and reports its input tokens', async () => {
    const operations: HubOperation[] = [];
    const tokens: number[] = [];
    const hub = createHub({
      providers: [embedder('e', [embeddingModel('small', 4)])],
      metrics: [
        {
          name: 'record',
          recordRequest: (measurement) => {
            operations.push(measurement.labels.operation);
            tokens.push(measurement.usage?.inputTokens ?? -1);
          },
        },
      ],
    });
    await hub.embed({ model: 'e/small', input: 'x' });
    expect([operations, tokens]).toEqual([['embed'], [2]]);
  });

  it('estimates the tokens of a provider that reports none, and says so', async () => {
    const provider = embedder('e', [embeddingModel('small', 3)]);
    const answer = provider.embed;
    provider.embed = async (request, options) => {
      const response = await (answer as NonNullable<typeof answer>)(request, options);
      return { ...response, usage: { inputTokens: 0 } };
    };
    const hub = createHub({ providers: [provider] });
    const response = await hub.embed({ model: 'e/small', input: ['abcdefgh', 'x'] });
    // 8 characters are 2 tokens, a 1-character input still costs 1
    expect(response.usage).toEqual({ inputTokens: 3, estimated: true });
  });

  it('keeps the count a provider reports, unmarked', async () => {
    const hub = createHub({ providers: [embedder('e', [embeddingModel('small', 3)])] });
    const response = await hub.embed({ model: 'e/small', input: ['abcdefgh', 'x'] });
    expect(response.usage).toEqual({ inputTokens: 4 });
  });
});
