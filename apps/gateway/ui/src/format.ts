/** Formatting shared by the pages; `—` stands for "no value". */

const NONE = '—';

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A rate with sensible precision: 0.42, 3.1, 120. */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  if (value === 0) return '0';
  return formatNumber(value, value < 1 ? 2 : value < 10 ? 1 : 0);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return `${formatNumber(value * 100, value < 0.1 && value > 0 ? 1 : 0)}%`;
}

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  if (value >= 1_000) return `${formatNumber(value / 1000, value >= 10_000 ? 0 : 1)} s`;
  return `${formatNumber(value, value < 10 ? 1 : 0)} ms`;
}

/** US dollars; small amounts keep enough digits to be seen. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  const digits = value === 0 ? 2 : Math.abs(value) < 0.01 ? 6 : Math.abs(value) < 1 ? 4 : 2;
  return `$${formatNumber(value, digits)}`;
}

export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false });
}

export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return NONE;
  return date.toISOString().replace('T', ' ').slice(0, 16);
}
