/**
 * How often a budget starts again: every UTC day, every ISO week (from Monday 00:00 UTC), every
 * calendar month (from the 1st, 00:00 UTC), or never (`total`: one period since 1970).
 */
export type BudgetPeriod = 'daily' | 'weekly' | 'monthly' | 'total';

/** Every budget period, for validation and exhaustive tests. */
export const BUDGET_PERIODS: readonly BudgetPeriod[] = Object.freeze(['daily', 'weekly', 'monthly', 'total']);

const DAY_MS = 86_400_000;

/**
 * The start (UTC, ms since the epoch) of the period of `period` that contains `now`. Periods are
 * in UTC so that every replica, whatever its time zone, counts spend into the same period.
 */
export function periodStart(period: BudgetPeriod, now: number): number {
  const date = new Date(now);
  switch (period) {
    case 'daily':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    case 'weekly': {
      const dayStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
      // getUTCDay: Sunday 0 … Saturday 6; ISO weeks start on Monday
      const sinceMonday = (date.getUTCDay() + 6) % 7;
      return dayStart - sinceMonday * DAY_MS;
    }
    case 'monthly':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    case 'total':
      return 0;
  }
}

/** The end (exclusive, UTC ms) of the period that starts at `start`; undefined for `total`. */
export function periodEnd(period: BudgetPeriod, start: number): number | undefined {
  const date = new Date(start);
  switch (period) {
    case 'daily':
      return start + DAY_MS;
    case 'weekly':
      return start + 7 * DAY_MS;
    case 'monthly':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    case 'total':
      return undefined;
  }
}
