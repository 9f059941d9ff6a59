import { NoSuchModelError } from '@ai-sdk/provider';
import {
  type CallOptions,
  ConfigError,
  createHub,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type Hub,
  type LLMProvider,
} from '@hub/core';
import { createMockProvider } from '@hub/testing';
import { createProviderRegistry, embed, embedMany, generateText } from 'ai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHubProvider } from './create-hub-provider.js';
import type { HubProviderSettings } from './hub-provider-settings.js';

let embedCalls: { request: EmbeddingRequest; options: CallOptions | undefined }[];
let hub: Hub;

/** A mock provider that also embeds: each text becomes [length, index, 0.1]. */
function embeddingProvider(): LLMProvider {
  return {
    ...createMockProvider({ providerId: 'vectors' }),
    async embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse> {
      embedCalls.push({ request, options });
      const inputs = typeof request.input === 'string' ? [request.input] : request.input;
      return {
        provider: 'vectors',
        model: request.model,
        embeddings: inputs.map((text, index) => Float32Array.from([text.length, index, 0.1])),
        usage: { inputTokens: inputs.length * 3 },
        cost: { inputUsd: 0.0001, outputUsd: 0, totalUsd: 0.0001 },
      };
    },
  };
}

beforeEach(() => {
  embedCalls = [];
  hub = createHub({ providers: [embeddingProvider()], routes: { embeddings: ['vectors/embed-1'] } });
});
afterEach(async () => {
  await hub.close();
});

describe('createHubProvider', () => {
  it('is callable and names its models after the settings', () => {
    const provider = createHubProvider(hub, { name: 'gateway' });
    const model = provider('fast');
    expect(model).toMatchObject({ specificationVersion: 'v3', provider: 'gateway', modelId: 'fast' });
    expect(provider.languageModel('fast')).toMatchObject({ modelId: 'fast' });
    expect(provider.specificationVersion).toBe('v3');
    expect(createHubProvider(hub)('x').provider).toBe('hub');
  });

  it('downloads URLs by default and passes through only what the settings declare', () => {
    expect(createHubProvider(hub)('x').supportedUrls).toEqual({});
    const patterns = { 'image/*': [/^https:\/\//] };
    expect(createHubProvider(hub, { supportedUrls: patterns })('x').supportedUrls).toEqual(patterns);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ metadata: { tenant: 3 } }, 'metadata.tenant'],
    [{ supportedUrls: { 'image/*': ['https://'] } }, 'supportedUrls.image/*'],
    [{ maxEmbeddingsPerCall: 0 }, 'maxEmbeddingsPerCall'],
  ])('refuses settings %j naming %s', (settings, path) => {
    const run = () => createHubProvider(hub, settings as unknown as HubProviderSettings);
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (error) {
      expect((error as ConfigError).path).toBe(path);
    }
  });

  it('refuses something that is not a hub', () => {
    expect(() => createHubProvider({} as Hub)).toThrow(/hub: must be a hub from createHub/);
  });

  it('has no image models and refuses empty model ids', () => {
    const provider = createHubProvider(hub);
    expect(() => provider.imageModel('dall-e')).toThrow(NoSuchModelError);
    expect(() => provider.languageModel(' ')).toThrow(NoSuchModelError);
    expect(() => provider.embeddingModel('')).toThrow(NoSuchModelError);
  });

  it('works inside the AI SDK provider registry', async () => {
    const mock = createMockProvider({ providerId: 'mock' });
    const chatHub = createHub({ providers: [mock] });
    const registry = createProviderRegistry({ hub: createHubProvider(chatHub) });
    mock.enqueue({ type: 'text', text: 'From the registry.' });
    const result = await generateText({ model: registry.languageModel('hub:mock/mock-1'), prompt: 'Hi' });
    expect(result.text).toBe('From the registry.');
    await chatHub.close();
  });
});

describe('embedding models', () => {
  it('embeds through hub.embed with providerOptions.hub and returns number vectors', async () => {
    const provider = createHubProvider(hub, { metadata: { tenant: 'acme' } });
    const controller = new AbortController();
    const result = await embed({
      model: provider.embeddingModel('embeddings'),
      value: 'hello',
      abortSignal: controller.signal,
      providerOptions: { hub: { dimensions: 3, inputType: 'query', metadata: { feature: 'search' } } },
    });
    expect(result.embedding).toEqual([5, 0, Math.fround(0.1)]);
    expect(result.usage.tokens).toBe(3);
    expect(result.providerMetadata?.hub).toMatchObject({ provider: 'vectors', cost: { totalUsd: 0.0001 } });
    expect(embedCalls[0]?.request).toMatchObject({
      model: 'embed-1',
      input: ['hello'],
      dimensions: 3,
      inputType: 'query',
      metadata: { tenant: 'acme', feature: 'search' },
    });
  });

  it('splits embedMany by maxEmbeddingsPerCall and keeps the input order', async () => {
    const provider = createHubProvider(hub, { maxEmbeddingsPerCall: 2 });
    const values = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const result = await embedMany({ model: provider.textEmbeddingModel('embeddings'), values });
    expect(embedCalls.map((call) => call.request.input)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(result.embeddings.map((vector) => vector[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects a bad providerOptions.hub field before calling the hub', async () => {
    const provider = createHubProvider(hub);
    await expect(
      embed({
        model: provider.embeddingModel('embeddings'),
        value: 'x',
        providerOptions: { hub: { dimensions: -1 } },
      }),
    ).rejects.toMatchObject({ code: 'invalid_request', field: 'providerOptions.hub.dimensions' });
    expect(embedCalls).toHaveLength(0);
  });
});
