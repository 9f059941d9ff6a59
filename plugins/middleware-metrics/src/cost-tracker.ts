import { ConfigError, type Cost, type Usage } from '@hub/core';
import { OTHER_LABEL_VALUE } from './metric-label-limits.js';

/** What a running cost total is attributed to. */
export interface CostKey {
  /** Provider id that answered (`openai`). */
  readonly provider: string;
  /** Model id without the provider prefix (`gpt-4o-mini`). */
  readonly model: string;
  /** The caller (tenant) the request was attributed to; undefined when none. */
  readonly callerKey: string | undefined;
}

/**
 * Sums over a set of billed calls (completions and embeddings). Money is US dollars; tokens as the
 * providers counted them (embeddings have input tokens only).
 */
export interface CostSummary {
  /** Calls counted, priced or not. */
  readonly requests: number;
  /** Calls whose model had no known price: their cost is unknown, not zero. */
  readonly unknownCost: number;
  readonly inputUsd: number;
  readonly outputUsd: number;
  /** Sum of the priced calls only; see `unknownCost` for the rest. */
  readonly totalUsd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** One row of `CostTracker.totals()`: a summary for one provider, model and caller. */
export interface CostTotal extends CostKey, CostSummary {}

/** Which rows `CostTracker.total` adds up; a field left out (or undefined) matches every row. */
export interface CostFilter {
  readonly provider?: string | undefined;
  readonly model?: string | undefined;
  readonly callerKey?: string | undefined;
}

/**
 * Running cost totals per provider, model and caller key, kept in memory (one entry per distinct
 * combination, so memory grows with the number of callers, not with traffic), at most `maxRows`
 * of them: calls of a new combination beyond that are added to the overflow row, whose
 * provider, model and caller key are all `other`. Nothing is dropped, so the grand total stays
 * exact.
 */
export interface CostTracker {
  /**
   * Counts one billed call (a completion, or an embedding with 0 output tokens). `cost` undefined
   * means the price is unknown: the call is counted in `requests` and `unknownCost` and adds
   * nothing to the dollar sums.
   */
  record(key: CostKey, cost: Cost | undefined, usage: Usage): void;
  /** Every row, in the order each combination was first seen. */
  totals(): CostTotal[];
  /** The sum of the rows matching `filter` (all rows when omitted). */
  total(filter?: CostFilter): CostSummary;
  /** Forgets every total (for example at the start of a billing period). */
  reset(): void;
}

interface MutableTotal {
  provider: string;
  model: string;
  callerKey: string | undefined;
  requests: number;
  unknownCost: number;
  inputUsd: number;
  outputUsd: number;
  totalUsd: number;
  inputTokens: number;
  outputTokens: number;
}

/** Options of `createCostTracker`. */
export interface CostTrackerOptions {
  /**
   * Most rows (distinct provider, model and caller key combinations) kept apart. Default
   * `COST_TRACKER_MAX_ROWS` (10 000). Beyond it, new combinations share one overflow row.
   */
  readonly maxRows?: number;
}

/** Default bound on the rows of a cost tracker: model ids and caller keys may come from callers. */
export const COST_TRACKER_MAX_ROWS = 10_000;

const OVERFLOW_KEY: CostKey = Object.freeze({
  provider: OTHER_LABEL_VALUE,
  model: OTHER_LABEL_VALUE,
  callerKey: OTHER_LABEL_VALUE,
});

/**
 * Creates an empty in-memory `CostTracker`.
 *
 * @throws ConfigError naming `maxRows` when it is not a whole number of at least 1.
 */
export function createCostTracker(options: CostTrackerOptions = {}): CostTracker {
  const maxRows = options.maxRows ?? COST_TRACKER_MAX_ROWS;
  if (!(Number.isInteger(maxRows) && maxRows >= 1)) {
    throw new ConfigError('createCostTracker: maxRows must be a whole number of at least 1.', {
      path: 'maxRows',
    });
  }
  // in first-seen order, for `totals()`. Bound: `maxRows` rows plus the overflow row; rows are
  // money, so none is evicted (new combinations go to the overflow row instead).
  const rows: MutableTotal[] = [];
  // provider → model → caller key: nested rather than one joined key, which allocates a string per
  // record and could collide (model ids and caller keys may hold any character). Holds the same
  // rows as `rows`.
  const index = new Map<string, Map<string, Map<string | undefined, MutableTotal>>>();
  let overflow: MutableTotal | undefined;

  const find = (key: CostKey): MutableTotal | undefined =>
    index.get(key.provider)?.get(key.model)?.get(key.callerKey);

  const addRow = (key: CostKey): MutableTotal => {
    let byModel = index.get(key.provider);
    if (byModel === undefined) {
      byModel = new Map();
      index.set(key.provider, byModel);
    }
    let byCaller = byModel.get(key.model);
    if (byCaller === undefined) {
      byCaller = new Map();
      byModel.set(key.model, byCaller);
    }
    const row: MutableTotal = {
      provider: key.provider,
      model: key.model,
      callerKey: key.callerKey,
      requests: 0,
      unknownCost: 0,
      inputUsd: 0,
      outputUsd: 0,
      totalUsd: 0,
      inputTokens: 0,
      outputTokens: 0,
    };
    byCaller.set(key.callerKey, row);
    rows.push(row);
    return row;
  };

  const rowFor = (key: CostKey): MutableTotal => {
    const found = find(key);
    if (found !== undefined) return found;
    if (rows.length < maxRows) return addRow(key);
    overflow ??= find(OVERFLOW_KEY) ?? addRow(OVERFLOW_KEY);
    return overflow;
  };

  return {
    record(key, cost, usage) {
      const row = rowFor(key);
      row.requests++;
      row.inputTokens += usage.inputTokens;
      row.outputTokens += usage.outputTokens;
      if (cost === undefined) {
        row.unknownCost++;
        return;
      }
      row.inputUsd += cost.inputUsd;
      row.outputUsd += cost.outputUsd;
      row.totalUsd += cost.totalUsd;
    },
    totals() {
      return rows.map((row) => ({ ...row }));
    },
    total(filter = {}) {
      const sum = {
        requests: 0,
        unknownCost: 0,
        inputUsd: 0,
        outputUsd: 0,
        totalUsd: 0,
        inputTokens: 0,
        outputTokens: 0,
      };
      for (const row of rows) {
        if (filter.provider !== undefined && row.provider !== filter.provider) continue;
        if (filter.model !== undefined && row.model !== filter.model) continue;
        if (filter.callerKey !== undefined && row.callerKey !== filter.callerKey) continue;
        sum.requests += row.requests;
        sum.unknownCost += row.unknownCost;
        sum.inputUsd += row.inputUsd;
        sum.outputUsd += row.outputUsd;
        sum.totalUsd += row.totalUsd;
        sum.inputTokens += row.inputTokens;
        sum.outputTokens += row.outputTokens;
      }
      return sum;
    },
    reset() {
      rows.length = 0;
      index.clear();
      overflow = undefined;
    },
  };
}
