/**
 * Formats `value / base` as a ratio for the results table: two decimals below 10 (`1.23×`), one
 * below 100 (`12.3×`), none above (`123×`). A missing or non-positive base or value gives `–`,
 * so a scenario that did not run never shows a made-up ratio.
 *
 * @param value - The measured figure.
 * @param base - The figure it is compared to (the floor, or the bare hub).
 * @returns The formatted ratio.
 */
export function formatRatio(value: number | undefined, base: number | undefined): string {
  const ratio = ratioOf(value, base);
  if (ratio === undefined) return '–';
  if (ratio < 10) return `${ratio.toFixed(2)}×`;
  if (ratio < 100) return `${ratio.toFixed(1)}×`;
  return `${Math.round(ratio)}×`;
}

/**
 * `value / base` when both are finite and positive, otherwise undefined.
 *
 * @param value - The measured figure.
 * @param base - The figure it is compared to.
 * @returns The ratio, or undefined.
 */
export function ratioOf(value: number | undefined, base: number | undefined): number | undefined {
  if (value === undefined || base === undefined) return undefined;
  if (!Number.isFinite(value) || !Number.isFinite(base) || value <= 0 || base <= 0) return undefined;
  return value / base;
}
