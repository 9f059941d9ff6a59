import { parseDurationMs } from './parse-duration-ms.js';

function looksLikeDate(value: string): boolean {
  const first = value.charCodeAt(0);
  // RFC 3339 starts with a four-digit year and a dash; an HTTP-date starts with a weekday name
  if (first >= 48 && first <= 57) return value.charCodeAt(4) === 45;
  return true;
}

/**
 * Turns a rate-limit reset value into milliseconds from `now`. Accepts an RFC 3339 / ISO-8601
 * timestamp as Anthropic sends in `anthropic-ratelimit-requests-reset`
 * (`"2025-01-01T00:00:30Z"`), an HTTP-date, or a duration understood by `parseDurationMs`
 * (`"6m0s"`, `"1.5"` seconds), so one helper covers every provider's reset header.
 *
 * @param value - The header value.
 * @param now - The current time in epoch milliseconds; tests pass a fixed clock.
 * @returns Milliseconds until the reset, `0` when the time has already passed, or `undefined`
 *   when the value cannot be read.
 */
export function parseResetTimeMs(value: string, now: number = Date.now()): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (!looksLikeDate(trimmed)) return parseDurationMs(trimmed);
  const time = Date.parse(trimmed);
  if (Number.isNaN(time)) return undefined;
  return Math.max(0, time - now);
}
