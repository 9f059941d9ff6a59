const DECIMAL_SECONDS = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * Reads how long a provider asked the client to wait, from (in order of precedence)
 * `retry-after-ms` (milliseconds, sent by OpenAI and Azure OpenAI) and `retry-after`, either as
 * seconds (decimals allowed) or as an HTTP-date.
 *
 * @param headers - Response headers with lowercase names, as the HTTP client returns them.
 * @param now - The current time in epoch milliseconds, used for HTTP-dates.
 * @returns Milliseconds to wait (a date in the past gives `0`), or `undefined` when neither
 *   header is present or readable.
 */
export function parseRetryAfterMs(
  headers: Readonly<Record<string, string | undefined>>,
  now: number = Date.now(),
): number | undefined {
  const milliseconds = headers['retry-after-ms'];
  if (milliseconds !== undefined && DECIMAL_SECONDS.test(milliseconds)) return Number(milliseconds);
  const retryAfter = headers['retry-after'];
  if (retryAfter === undefined) return undefined;
  if (DECIMAL_SECONDS.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
  // an HTTP-date starts with the weekday; anything else (`-5`) Date.parse would wrongly accept
  const first = retryAfter.trimStart().charCodeAt(0) | 32;
  if (first < 97 || first > 122) return undefined;
  const time = Date.parse(retryAfter);
  if (Number.isNaN(time)) return undefined;
  return Math.max(0, time - now);
}
