import { ConnectorError, type ModelInfo } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { defineHttpProvider, type HttpProviderSpec } from './define-http-provider.js';

const catalog: ModelInfo[] = [
  {
    id: 'm-1',
    contextWindow: 8192,
    capabilities: { streaming: true, tools: true, vision: false, json: true },
  },
];

const spec = (overrides: Partial<HttpProviderSpec> = {}): HttpProviderSpec => ({
  providerId: 'acme',
  displayName: 'Acme',
  catalog,
  sendCompletion: () => Promise.reject(new Error('unused')),
  streamCompletion: () => ({
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('unused')) }),
  }),
  validateConfig: () => ({ ok: true }),
  ...overrides,
});

describe('defineHttpProvider', () => {
  it('serves the catalog as metadata without a model list, and probes successfully', async () => {
    const provider = defineHttpProvider(spec());
    const metadata = await provider.getMetadata();
    expect([metadata.providerId, metadata.displayName, metadata.models]).toEqual(['acme', 'Acme', catalog]);
    await expect(provider.probe({})).resolves.toBeUndefined();
  });

  it('merges the listed models over the catalog and probes by listing', async () => {
    const listed: AbortSignal[] = [];
    const provider = defineHttpProvider(
      spec({
        listModels: async (options) => {
          if (options.signal !== undefined) listed.push(options.signal);
          return ['m-1', 'm-2'];
        },
      }),
    );
    expect((await provider.getMetadata()).models.map((model) => model.id)).toEqual(['m-1', 'm-2']);
    await provider.probe({ signal: AbortSignal.timeout(5_000) });
    expect(listed).toHaveLength(2);
  });

  it('lets the probe fail with the listing error, and falls back to the catalog for metadata', async () => {
    const failure = new ConnectorError('authentication', 'HTTP 401: bad key', { providerId: 'acme' });
    const provider = defineHttpProvider(spec({ listModels: () => Promise.reject(failure) }));
    await expect(provider.probe({})).rejects.toBe(failure);
    expect((await provider.getMetadata()).models).toEqual(catalog);
  });

  it('exposes optional capabilities exactly when the spec has them', () => {
    const plain = defineHttpProvider(spec());
    const embedding = defineHttpProvider(
      spec({
        embed: async (request) => ({
          provider: 'acme',
          model: request.model,
          embeddings: [],
          usage: { inputTokens: 0 },
        }),
      }),
    );
    expect(['embed' in plain, 'countTokens' in plain, 'embed' in embedding]).toEqual([false, false, true]);
  });
});
