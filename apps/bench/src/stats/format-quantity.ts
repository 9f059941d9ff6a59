/**
 * Formats a measured quantity with a precision that suits its size: three significant digits
 * at most, thousands grouped (`0.123`, `12.3`, `1,234`). `undefined` or `NaN` gives `–`.
 *
 * @param value - The number to format.
 * @param unit - Appended after a space when given (`µs`, `ms`, `req/s`).
 * @returns The formatted text.
 */
export function formatQuantity(value: number | undefined, unit?: string): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return unit === undefined ? text : `${text} ${unit}`;
}
