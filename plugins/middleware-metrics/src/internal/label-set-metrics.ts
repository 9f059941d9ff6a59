import type { Histogram } from 'prom-client';
import type { BufferedCounter, CounterCell } from './buffered-counter.js';

/** The labels every hub metric carries. */
export type BaseLabel = 'provider' | 'model' | 'route' | 'operation';

/** Values of the base labels (`route` is `''` when the request named none). */
export type BaseLabelValues = Readonly<Record<BaseLabel, string>>;

/** The metrics of a Prometheus collector that carry the base labels. */
export interface HubMetrics {
  readonly requests: BufferedCounter<BaseLabel | 'outcome'>;
  readonly errors: BufferedCounter<BaseLabel | 'code'>;
  readonly retries: BufferedCounter<BaseLabel>;
  readonly fallbacks: BufferedCounter<BaseLabel>;
  readonly duration: Histogram<BaseLabel | 'outcome'>;
  readonly timeToFirstToken: Histogram<BaseLabel>;
  readonly tokens: BufferedCounter<BaseLabel | 'type'>;
  readonly cost: BufferedCounter<BaseLabel>;
  readonly cacheLookups: BufferedCounter<BaseLabel | 'result'>;
  readonly rateLimitWaits: Histogram<BaseLabel>;
  readonly rateLimitRejections: BufferedCounter<BaseLabel>;
}

/** A histogram bound to one label set, as `histogram.labels(...)` returns it. */
export type HistogramChild = ReturnType<Histogram<string>['labels']>;

/** Token types of `tokens_total`. */
export type TokenType = 'input' | 'output' | 'cached' | 'reasoning';

/**
 * Everything recorded for one base label set (provider, model, route, operation): the counter
 * cells and histogram children of that set, each created the first time it is used and then
 * reused, so a measurement neither builds label objects nor lets prom-client hash them (for
 * counters). Label sets a collector never saw stay absent from the exposition, as before.
 */
export class LabelSetMetrics {
  readonly #metrics: HubMetrics;
  readonly #labels: BaseLabelValues;
  readonly #outcomes = new Map<
    string,
    { readonly requests: CounterCell; readonly duration: HistogramChild }
  >();
  readonly #errors = new Map<string, CounterCell>();
  readonly #tokens: Partial<Record<TokenType, CounterCell>> = {};
  #timeToFirstToken: HistogramChild | undefined;
  #cost: CounterCell | undefined;
  #retries: CounterCell | undefined;
  #fallbacks: CounterCell | undefined;
  #cacheHits: CounterCell | undefined;
  #cacheMisses: CounterCell | undefined;
  #rateLimitWaits: HistogramChild | undefined;
  #rateLimitRejections: CounterCell | undefined;

  /**
   * Whether calls of this set's operation produce output tokens: completions do; embeddings and
   * token counts do not, so they record no `output` series (its zeros would read as completions
   * that wrote nothing).
   */
  readonly producesOutput: boolean;

  constructor(metrics: HubMetrics, labels: BaseLabelValues) {
    this.#metrics = metrics;
    this.#labels = labels;
    this.producesOutput = labels.operation === 'complete' || labels.operation === 'stream';
  }

  /** `requests_total` and `request_duration_seconds` for one outcome. */
  outcome(outcome: string): { readonly requests: CounterCell; readonly duration: HistogramChild } {
    let cells = this.#outcomes.get(outcome);
    if (cells === undefined) {
      const labels = { ...this.#labels, outcome };
      cells = {
        requests: this.#metrics.requests.cell(labels),
        duration: this.#metrics.duration.labels(labels),
      };
      this.#outcomes.set(outcome, cells);
    }
    return cells;
  }

  /** `errors_total` for one error code. */
  error(code: string): CounterCell {
    let cell = this.#errors.get(code);
    if (cell === undefined) {
      cell = this.#metrics.errors.cell({ ...this.#labels, code });
      this.#errors.set(code, cell);
    }
    return cell;
  }

  /** `tokens_total` for one token type. */
  tokens(type: TokenType): CounterCell {
    let cell = this.#tokens[type];
    if (cell === undefined) {
      cell = this.#metrics.tokens.cell({ ...this.#labels, type });
      this.#tokens[type] = cell;
    }
    return cell;
  }

  get timeToFirstToken(): HistogramChild {
    this.#timeToFirstToken ??= this.#metrics.timeToFirstToken.labels(this.#labels);
    return this.#timeToFirstToken;
  }

  get cost(): CounterCell {
    this.#cost ??= this.#metrics.cost.cell(this.#labels);
    return this.#cost;
  }

  get retries(): CounterCell {
    this.#retries ??= this.#metrics.retries.cell(this.#labels);
    return this.#retries;
  }

  get fallbacks(): CounterCell {
    this.#fallbacks ??= this.#metrics.fallbacks.cell(this.#labels);
    return this.#fallbacks;
  }

  /** `cache_lookups_total` for a hit or a miss. */
  cacheLookup(hit: boolean): CounterCell {
    if (hit) {
      this.#cacheHits ??= this.#metrics.cacheLookups.cell({ ...this.#labels, result: 'hit' });
      return this.#cacheHits;
    }
    this.#cacheMisses ??= this.#metrics.cacheLookups.cell({ ...this.#labels, result: 'miss' });
    return this.#cacheMisses;
  }

  get rateLimitWaits(): HistogramChild {
    this.#rateLimitWaits ??= this.#metrics.rateLimitWaits.labels(this.#labels);
    return this.#rateLimitWaits;
  }

  get rateLimitRejections(): CounterCell {
    this.#rateLimitRejections ??= this.#metrics.rateLimitRejections.cell(this.#labels);
    return this.#rateLimitRejections;
  }
}
