import type { Cost, Usage } from '@hub/core';

/** What a running cost total is attributed to. */
export interface CostKey {
  /** Provider id that answered (`openai`). */
  readonly provider: string;
  /** Model id without the provider prefix (`gpt-4o-mini`). */
  readonly model: string;
  /** The caller (tenant) the request was attributed to; undefined when none. */
  readonly callerKey: string | undefined;
}

/** Sums over a set of completions. Money is US dollars; tokens as the providers counted them. */
export interface CostSummary {
  /** Completions counted, priced or not. */
  readonly requests: number;
  /** Completions whose model had no known price: their cost is unknown, not zero. */
  readonly unknownCost: number;
  readonly inputUsd: number;
  readonly outputUsd: number;
  /** Sum of the priced completions only; see `unknownCost` for the rest. */
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
 * combination, so memory grows with the number of callers, not with traffic).
 */
export interface CostTracker {
  /**
   * Counts one completion. `cost` undefined means the price is unknown: the completion is counted
   * in `requests` and `unknownCost` and adds nothing to the dollar sums.
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

/** Creates an empty in-memory `CostTracker`. */
export function createCostTracker(): CostTracker {
  // in first-seen order, for `totals()`
  const rows: MutableTotal[] = [];
  // provider → model → caller key: nested rather than one joined key, which allocates a string per
  // record and could collide (model ids and caller keys may hold any character)
  const index = new Map<string, Map<string, Map<string | undefined, MutableTotal>>>();

  const rowFor = (key: CostKey): MutableTotal => {
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
    let row = byCaller.get(key.callerKey);
    if (row === undefined) {
      row = {
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
    }
    return row;
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
    },
  };
}
