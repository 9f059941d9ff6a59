import { describe, expect, it } from 'vitest';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';
import { mapBedrockUsage } from './map-bedrock-usage.js';

describe('mapBedrockUsage', () => {
  it('adds cache reads and writes to the prompt tokens and keeps them apart too', () => {
    expect(
      mapBedrockUsage({
        inputTokens: 10,
        outputTokens: 5,
        totalTokens: 915,
        cacheReadInputTokens: 800,
        cacheWriteInputTokens: 100,
      }),
    ).toEqual({
      inputTokens: 910,
      outputTokens: 5,
      totalTokens: 915,
      cachedInputTokens: 800,
      cacheWriteInputTokens: 100,
    });
  });

  it('reports zeros for missing usage and leaves unreported cache fields out', () => {
    expect(mapBedrockUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(mapBedrockUsage({ inputTokens: 2, outputTokens: 3 })).toEqual({
      inputTokens: 2,
      outputTokens: 3,
      totalTokens: 5,
    });
  });
});

describe('mapBedrockStopReason', () => {
  it('maps an absent stop reason to other', () => {
    expect(mapBedrockStopReason(undefined)).toBe('other');
  });
});
