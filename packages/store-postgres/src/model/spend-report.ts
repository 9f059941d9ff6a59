/** How `spendReport` groups rows. */
export type SpendReportGroup = 'day' | 'model' | 'key' | 'team';

/** Every grouping, for validation. */
export const SPEND_REPORT_GROUPS: readonly SpendReportGroup[] = Object.freeze([
  'day',
  'model',
  'key',
  'team',
]);

/** The filters and grouping of `spendReport`. */
export interface SpendReportQuery {
  readonly groupBy: SpendReportGroup;
  readonly keyId?: string;
  readonly teamId?: string;
  /** An exact model id. */
  readonly model?: string;
  /** Inclusive start; default the beginning. A `Date` or an ISO 8601 string. */
  readonly from?: Date | string;
  /** Exclusive end; default now. A `Date` or an ISO 8601 string. */
  readonly to?: Date | string;
  /** At most this many rows (1–10,000), largest cost first except for `day` (oldest first). Default 1,000. */
  readonly limit?: number;
}

/** One group of `spendReport`. */
export interface SpendReportRow {
  /**
   * The group's value: `YYYY-MM-DD` (UTC) for `day`, the model id, the key id or the team id;
   * null for calls without a key or team.
   */
  readonly group: string | null;
  /** The key's or team's name for those groupings (null if deleted or none). */
  readonly name: string | null;
  readonly requests: number;
  /** Calls whose status was not `success`. */
  readonly errors: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedTokens: number;
  readonly reasoningTokens: number;
  readonly totalTokens: number;
  /** USD. */
  readonly cost: number;
}
