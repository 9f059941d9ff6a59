import type { RateLimitSnapshot } from '@hub/core';
import { parseDurationMs } from './parse-duration-ms.js';
import { parseResetTimeMs } from './parse-reset-time-ms.js';

type Headers = Readonly<Record<string, string | undefined>>;

function readCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  return value.trim() !== '' && Number.isFinite(count) && count >= 0 ? count : undefined;
}

function lowest(left: number | undefined, right: number | undefined): number | undefined {
  if (left === undefined) return right;
  if (right === undefined) return left;
  return left < right ? left : right;
}

function highest(left: number | undefined, right: number | undefined): number | undefined {
  if (left === undefined) return right;
  if (right === undefined) return left;
  return left > right ? left : right;
}

function readReset(value: string | undefined, now: number): number | undefined {
  return value === undefined ? undefined : parseResetTimeMs(value, now);
}

/**
 * Extracts the rate-limit state a provider reported with a response, for adaptive limiters.
 *
 * - OpenAI (and compatible APIs): `x-ratelimit-remaining-requests`,
 *   `x-ratelimit-remaining-tokens`, `x-ratelimit-reset-requests`, `x-ratelimit-reset-tokens`
 *   (Go durations such as `"6m0s"`).
 * - Anthropic: `anthropic-ratelimit-requests-remaining`, `anthropic-ratelimit-requests-reset`
 *   and the token limits `anthropic-ratelimit-tokens-*`, `-input-tokens-*`, `-output-tokens-*`
 *   (RFC 3339 reset times). Of several token limits, the lowest remaining count is reported
 *   (the first one to run out stops requests) and the latest reset (when all are restored).
 *
 * Does a fixed number of property lookups and allocates only when a header is present.
 *
 * @param headers - Response headers with lowercase names.
 * @param now - The current time in epoch milliseconds, for absolute reset times.
 * @returns The snapshot with only the fields that were reported, or `undefined` when none was.
 */
export function parseRateLimitHeaders(
  headers: Headers,
  now: number = Date.now(),
): RateLimitSnapshot | undefined {
  const remainingRequests = lowest(
    readCount(headers['x-ratelimit-remaining-requests']),
    readCount(headers['anthropic-ratelimit-requests-remaining']),
  );
  const remainingTokens = lowest(
    lowest(
      readCount(headers['x-ratelimit-remaining-tokens']),
      readCount(headers['anthropic-ratelimit-tokens-remaining']),
    ),
    lowest(
      readCount(headers['anthropic-ratelimit-input-tokens-remaining']),
      readCount(headers['anthropic-ratelimit-output-tokens-remaining']),
    ),
  );
  const openAiRequestsReset = headers['x-ratelimit-reset-requests'];
  const requestsResetMs = highest(
    openAiRequestsReset === undefined ? undefined : parseDurationMs(openAiRequestsReset),
    readReset(headers['anthropic-ratelimit-requests-reset'], now),
  );
  const openAiTokensReset = headers['x-ratelimit-reset-tokens'];
  const tokensResetMs = highest(
    highest(
      openAiTokensReset === undefined ? undefined : parseDurationMs(openAiTokensReset),
      readReset(headers['anthropic-ratelimit-tokens-reset'], now),
    ),
    highest(
      readReset(headers['anthropic-ratelimit-input-tokens-reset'], now),
      readReset(headers['anthropic-ratelimit-output-tokens-reset'], now),
    ),
  );
  if (
    remainingRequests === undefined &&
    remainingTokens === undefined &&
    requestsResetMs === undefined &&
    tokensResetMs === undefined
  ) {
    return undefined;
  }
  const snapshot: { -readonly [Key in keyof RateLimitSnapshot]: RateLimitSnapshot[Key] } = {};
  if (remainingRequests !== undefined) snapshot.remainingRequests = remainingRequests;
  if (remainingTokens !== undefined) snapshot.remainingTokens = remainingTokens;
  if (requestsResetMs !== undefined) snapshot.requestsResetMs = requestsResetMs;
  if (tokensResetMs !== undefined) snapshot.tokensResetMs = tokensResetMs;
  return snapshot;
}
