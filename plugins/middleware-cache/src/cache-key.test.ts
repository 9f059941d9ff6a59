import type { CompletionRequest, EmbeddingRequest } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { cacheKey } from './cache-key.js';

const base: CompletionRequest = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hello' },
  ],
  temperature: 0,
  maxTokens: 100,
  tools: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
  responseFormat: { type: 'json' },
  providerParams: { openai: { logprobs: true, top_logprobs: 2 } },
};

describe('cacheKey', () => {
  it('stays the same across releases, so processes of two versions sharing a store agree', () => {
    // a change here invalidates every shared (Redis) entry on deploy: bump it on purpose only
    expect(cacheKey(base, 'openai')).toBe(
      'hub:1:617879145f725bfcefe4c23a7ca8a41d1ee03e67515bbe5241f307808bfb2adf',
    );
  });

  it('has the shape namespace:version:sha256', () => {
    expect(cacheKey(base, 'openai')).toMatch(/^hub:1:[0-9a-f]{64}$/);
    expect(cacheKey(base, 'openai', { namespace: 'app', version: 'v7' })).toMatch(/^app:v7:[0-9a-f]{64}$/);
  });

  it('does not depend on the order of object keys, at any depth', () => {
    const reordered: CompletionRequest = {
      providerParams: { openai: { top_logprobs: 2, logprobs: true } },
      responseFormat: { type: 'json' },
      tools: [{ parameters: { properties: { q: { type: 'string' } }, type: 'object' }, name: 'lookup' }],
      maxTokens: 100,
      temperature: 0,
      messages: [
        { content: 'Be brief.', role: 'system' },
        { content: 'Hello', role: 'user' },
      ],
      model: 'gpt-4o-mini',
    };
    expect(cacheKey(reordered, 'openai')).toBe(cacheKey(base, 'openai'));
  });

  it('ignores metadata, user, absent fields and other providers params', () => {
    // an explicit undefined is what a JavaScript caller spreading options may send
    const noisy = {
      ...base,
      metadata: { tenant: 'acme', 'cache.ttl': '5000', requestId: 'abc' },
      user: 'user-42',
      stop: undefined,
      providerParams: { ...base.providerParams, anthropic: { top_k: 5 } },
    } as unknown as CompletionRequest;
    expect(cacheKey(noisy, 'openai')).toBe(cacheKey(base, 'openai'));
  });

  it('changes with everything the answer depends on', () => {
    const reference = cacheKey(base, 'openai');
    const variants: CompletionRequest[] = [
      { ...base, model: 'gpt-4o' },
      { ...base, messages: [...base.messages, { role: 'user', content: 'More' }] },
      { ...base, temperature: 0.5 },
      { ...base, topP: 0.9 },
      { ...base, maxTokens: 101 },
      { ...base, stop: ['END'] },
      { ...base, seed: 7 },
      { ...base, tools: [] },
      { ...base, toolChoice: 'required' },
      { ...base, responseFormat: { type: 'text' } },
      { ...base, reasoning: { effort: 'high' } },
      { ...base, providerParams: { openai: { logprobs: false, top_logprobs: 2 } } },
    ];
    const keys = new Set(variants.map((variant) => cacheKey(variant, 'openai')));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(reference)).toBe(false);
    expect(cacheKey(base, 'azure')).not.toBe(reference);
    expect(cacheKey(base, 'openai', { version: 2 })).not.toBe(reference);
    expect(cacheKey(base, 'openai', { namespace: 'other' })).not.toBe(reference);
  });

  it('keeps the order of arrays (message order matters)', () => {
    const swapped: CompletionRequest = { ...base, messages: [...base.messages].reverse() };
    expect(cacheKey(swapped, 'openai')).not.toBe(cacheKey(base, 'openai'));
  });

  it('throws a TypeError for a circular request', () => {
    const schema: Record<string, unknown> = { type: 'object' };
    schema.self = schema;
    expect(() => cacheKey({ ...base, tools: [{ name: 'loop', parameters: schema }] }, 'openai')).toThrow(
      TypeError,
    );
  });

  it('tells apart strings that UTF-8 would turn into the same replacement character', () => {
    const lone = (content: string): CompletionRequest => ({ ...base, messages: [{ role: 'user', content }] });
    expect(cacheKey(lone('\uD800'), 'openai')).not.toBe(cacheKey(lone('\uDC00'), 'openai'));
    expect(cacheKey(lone('\uD800'), 'openai')).not.toBe(cacheKey(lone('\uFFFD'), 'openai'));
  });
});

describe('cacheKey of embedding requests', () => {
  const embedding: EmbeddingRequest = {
    model: 'text-embedding-3-small',
    input: ['Hello', 'World'],
    dimensions: 256,
    inputType: 'query',
    providerParams: { openai: { encoding_format: 'base64' } },
  };

  const { providerParams: _params, ...withoutParams } = embedding;
  const { dimensions: _dimensions, ...withoutDimensions } = embedding;
  const { inputType: _inputType, ...withoutInputType } = embedding;

  it('stays the same across releases', () => {
    expect(cacheKey(withoutParams, 'openai')).toBe(
      'hub:1:1a187a8328f0143f129fe365838d7e3eed517b83519662981a592653b387b540',
    );
  });

  it('changes with model, each input and their order, dimensions, input type and own provider params', () => {
    const variants: EmbeddingRequest[] = [
      embedding,
      { ...embedding, model: 'text-embedding-3-large' },
      { ...embedding, input: ['Hello', 'world'] },
      { ...embedding, input: ['World', 'Hello'] },
      { ...embedding, input: ['Hello'] },
      { ...embedding, input: ['HelloWorld'] },
      { ...embedding, dimensions: 512 },
      withoutDimensions,
      { ...embedding, inputType: 'document' },
      withoutInputType,
      { ...embedding, providerParams: { openai: { encoding_format: 'float' } } },
    ];
    expect(new Set(variants.map((variant) => cacheKey(variant, 'openai'))).size).toBe(variants.length);
    expect(cacheKey(embedding, 'azure')).not.toBe(cacheKey(embedding, 'openai'));
  });

  it('ignores metadata, user and other providers params; one string is a list of that string', () => {
    const noisy: EmbeddingRequest = {
      ...embedding,
      metadata: { tenant: 'acme', 'cache.ttl': '100' },
      user: 'user-42',
      providerParams: { ...embedding.providerParams, cohere: { truncate: 'END' } },
    };
    expect(cacheKey(noisy, 'openai')).toBe(cacheKey(embedding, 'openai'));
    expect(cacheKey({ ...embedding, input: 'Hello' }, 'openai')).toBe(
      cacheKey({ ...embedding, input: ['Hello'] }, 'openai'),
    );
  });

  it('never equals the key of a completion', () => {
    const chat: CompletionRequest = {
      model: embedding.model,
      messages: [{ role: 'user', content: 'Hello' }],
    };
    expect(cacheKey({ model: embedding.model, input: 'Hello' }, 'openai')).not.toBe(cacheKey(chat, 'openai'));
  });
});
