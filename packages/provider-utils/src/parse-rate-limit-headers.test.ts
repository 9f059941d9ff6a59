import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from './parse-rate-limit-headers.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRateLimitHeaders', () => {
  it('reads OpenAI headers with Go-duration resets', () => {
    expect(
      parseRateLimitHeaders(
        {
          'x-ratelimit-limit-requests': '60',
          'x-ratelimit-remaining-requests': '59',
          'x-ratelimit-remaining-tokens': '149984',
          'x-ratelimit-reset-requests': '1s',
          'x-ratelimit-reset-tokens': '6m0s',
        },
        NOW,
      ),
    ).toEqual({
      remainingRequests: 59,
      remainingTokens: 149_984,
      requestsResetMs: 1000,
      tokensResetMs: 360_000,
    });
  });

  it('reads Anthropic headers, taking the lowest remaining token count and the latest reset', () => {
    expect(
      parseRateLimitHeaders(
        {
          'anthropic-ratelimit-requests-remaining': '49',
          'anthropic-ratelimit-requests-reset': '2025-01-01T00:00:30Z',
          'anthropic-ratelimit-tokens-remaining': '80000',
          'anthropic-ratelimit-tokens-reset': '2025-01-01T00:00:10Z',
          'anthropic-ratelimit-input-tokens-remaining': '39000',
          'anthropic-ratelimit-input-tokens-reset': '2025-01-01T00:00:20Z',
          'anthropic-ratelimit-output-tokens-remaining': '7000',
          'anthropic-ratelimit-output-tokens-reset': '2025-01-01T00:00:05Z',
        },
        NOW,
      ),
    ).toEqual({
      remainingRequests: 49,
      remainingTokens: 7000,
      requestsResetMs: 30_000,
      tokensResetMs: 20_000,
    });
  });

  it('reports only the fields present', () => {
    expect(parseRateLimitHeaders({ 'anthropic-ratelimit-input-tokens-remaining': '12' }, NOW)).toEqual({
      remainingTokens: 12,
    });
    expect(parseRateLimitHeaders({ 'x-ratelimit-reset-requests': '20ms' }, NOW)).toEqual({
      requestsResetMs: 20,
    });
  });

  it('returns undefined when no rate-limit header is present or readable', () => {
    expect(parseRateLimitHeaders({}, NOW)).toBeUndefined();
    expect(parseRateLimitHeaders({ 'content-type': 'application/json' }, NOW)).toBeUndefined();
    expect(
      parseRateLimitHeaders(
        { 'x-ratelimit-remaining-requests': 'lots', 'x-ratelimit-reset-tokens': '' },
        NOW,
      ),
    ).toBeUndefined();
  });
});
