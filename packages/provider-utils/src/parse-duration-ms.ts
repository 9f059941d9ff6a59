// Go's time.Duration units, which OpenAI uses for `x-ratelimit-reset-*` ("6m0s", "20ms")
const UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  μs: 0.001,
  ns: 0.000_001,
};

function isNumberChar(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 46;
}

/**
 * Parses a Go-style duration as OpenAI sends in `x-ratelimit-reset-requests` and
 * `x-ratelimit-reset-tokens`: one or more `<number><unit>` terms with units `h`, `m`, `s`,
 * `ms`, `us`/`µs`, `ns` (`"1s"`, `"6m0s"`, `"20ms"`, `"1h2m3.5s"`, `"0.5s"`). A bare number
 * (`"2"`, `"1.5"`) is read as seconds, as `Retry-After` does.
 *
 * @param text - The header value; surrounding whitespace is ignored.
 * @returns Milliseconds (fractions kept to the microsecond), or `undefined` when the text is
 *   not a valid non-negative duration.
 */
export function parseDurationMs(text: string): number | undefined {
  const value = text.trim();
  const length = value.length;
  if (length === 0) return undefined;
  let index = 0;
  let total = 0;
  while (index < length) {
    const numberStart = index;
    while (index < length && isNumberChar(value.charCodeAt(index))) index++;
    if (index === numberStart) return undefined;
    const amount = Number(value.slice(numberStart, index));
    if (Number.isNaN(amount)) return undefined;
    const unitStart = index;
    while (index < length && !isNumberChar(value.charCodeAt(index))) index++;
    if (unitStart === index) {
      // a unitless number is only valid as the whole value
      if (numberStart !== 0) return undefined;
      return Math.round(amount * 1_000_000) / 1000;
    }
    const factor = UNIT_MS[value.slice(unitStart, index)];
    if (factor === undefined) return undefined;
    total += amount * factor;
  }
  // rounding to the microsecond removes float noise such as 1.1 * 1000 = 1100.0000000000002
  return Math.round(total * 1000) / 1000;
}
