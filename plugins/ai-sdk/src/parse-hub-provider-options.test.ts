import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { parseHubEmbeddingProviderOptions, parseHubProviderOptions } from './parse-hub-provider-options.js';

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (ConnectorError.isInstance(error) && error.code === 'invalid_request') return error.field;
  }
  return 'no error';
}

describe('parseHubProviderOptions', () => {
  it('accepts absent options and every known field', () => {
    expect(parseHubProviderOptions(undefined)).toEqual({});
    const options = {
      model: 'fast',
      metadata: { tenant: 'acme' },
      providerParams: { openai: { logprobs: true } },
      parallelToolCalls: true,
      reasoning: { effort: 'high' },
      user: 'u',
      timeoutMs: 1000,
      firstByteTimeoutMs: 500,
      idleTimeoutMs: 250,
      requestId: 'r',
    };
    expect(parseHubProviderOptions(options)).toEqual(options);
  });

  it.each([
    [{ model: '' }, 'providerOptions.hub.model'],
    [{ metadata: 'x' }, 'providerOptions.hub.metadata'],
    [{ metadata: { a: 1 } }, 'providerOptions.hub.metadata.a'],
    [{ providerParams: { openai: 1 } }, 'providerOptions.hub.providerParams.openai'],
    [{ parallelToolCalls: 'yes' }, 'providerOptions.hub.parallelToolCalls'],
    [{ reasoning: 'high' }, 'providerOptions.hub.reasoning'],
    [{ timeoutMs: 0 }, 'providerOptions.hub.timeoutMs'],
    [{ idleTimeoutMs: Number.POSITIVE_INFINITY }, 'providerOptions.hub.idleTimeoutMs'],
    [{ dimensions: 3 }, 'providerOptions.hub.dimensions'],
    [{ constructor: 'x' }, 'providerOptions.hub.constructor'],
    ['fast', 'providerOptions.hub'],
  ])('rejects %j naming %s', (value, field) => {
    expect(fieldOf(() => parseHubProviderOptions(value))).toBe(field);
  });

  it('has its own fields for embeddings', () => {
    expect(parseHubEmbeddingProviderOptions({ dimensions: 256, inputType: 'query' })).toEqual({
      dimensions: 256,
      inputType: 'query',
    });
    expect(fieldOf(() => parseHubEmbeddingProviderOptions({ dimensions: 1.5 }))).toBe(
      'providerOptions.hub.dimensions',
    );
    expect(fieldOf(() => parseHubEmbeddingProviderOptions({ inputType: 'search' }))).toBe(
      'providerOptions.hub.inputType',
    );
    expect(fieldOf(() => parseHubEmbeddingProviderOptions({ reasoning: {} }))).toBe(
      'providerOptions.hub.reasoning',
    );
  });
});
