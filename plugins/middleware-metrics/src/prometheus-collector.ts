import {
  ConfigError,
  type MetricLabels,
  type MetricsCollector,
  type RequestMeasurement,
  type Target,
  type TargetStatsStore,
} from '@hub/core';
import { Gauge, Histogram, Registry } from 'prom-client';
import { BoundedLabelValues } from './internal/bounded-label-values.js';
import { boundedOutcome } from './internal/bounded-outcome.js';
import { BufferedCounter, type CounterCell } from './internal/buffered-counter.js';
import {
  type BaseLabel,
  type HistogramChild,
  type HubMetrics,
  LabelSetMetrics,
} from './internal/label-set-metrics.js';
import { validateBuckets } from './internal/validate-buckets.js';
import { LLM_LATENCY_BUCKETS } from './llm-latency-buckets.js';
import {
  type MetricLabelLimitOptions,
  OTHER_LABEL_VALUE,
  resolveMetricLabelLimits,
} from './metric-label-limits.js';

/**
 * Options of `prometheusCollector`. `maxLabelValues` (default 200) bounds the distinct values of
 * each of `provider`, `model`, `route` and the circuit `target`; `maxLabelSets` (default 1000)
 * bounds the distinct (provider, model, route, operation) sets. Values beyond are recorded as
 * `other`: see `METRIC_LABEL_LIMITS`.
 */
export interface PrometheusCollectorOptions extends MetricLabelLimitOptions {
  /**
   * The registry to register the metrics in, for example the one the application already
   * serves (prom-client's global `register`). Default: a new `Registry`, so nothing leaks into
   * the global one.
   */
  readonly registry?: Registry;
  /** Prepended to every metric name. Default `llm_hub_`. */
  readonly prefix?: string;
  /**
   * Buckets of the duration, time-to-first-token and rate-limit wait histograms, in seconds.
   * Default `LLM_LATENCY_BUCKETS` (50 ms to 120 s).
   */
  readonly buckets?: readonly number[];
}

/** A `MetricsCollector` that keeps Prometheus metrics, plus what an HTTP handler needs to serve them. */
export interface PrometheusCollector extends Required<MetricsCollector> {
  /** The registry holding the metrics (the one given, or a new one). */
  readonly registry: Registry;
  /** The `Content-Type` header of `metrics()` output. */
  readonly contentType: string;
  /** The registry's metrics in the Prometheus text exposition format. */
  metrics(): Promise<string>;
  /**
   * Also exports the hub's live target statistics (`hub.statsStore`) at scrape time, as the gauges
   * `target_latency_seconds`, `target_error_rate` and `target_healthy` with labels
   * `{provider, model}`, for every target measured from then on (call it right after
   * `createHub`). The values are read from the store itself, the same numbers the selectors use;
   * nothing is measured twice.
   *
   * @throws ConfigError when called a second time.
   */
  exposeTargetStats(store: TargetStatsStore): void;
}

const PREFIX_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const BASE_LABELS: readonly BaseLabel[] = ['provider', 'model', 'route', 'operation'];

const CIRCUIT_STATE_VALUES = { closed: 0, 'half-open': 1, open: 2 } as const;

const METRIC_NAMES = [
  'requests_total',
  'errors_total',
  'retries_total',
  'fallbacks_total',
  'request_duration_seconds',
  'time_to_first_token_seconds',
  'tokens_total',
  'cost_usd_total',
  'cache_lookups_total',
  'rate_limit_waits_seconds',
  'rate_limit_rejections_total',
  'circuit_state',
] as const;

const TARGET_STATS_NAMES = ['target_latency_seconds', 'target_error_rate', 'target_healthy'] as const;

/**
 * Creates a collector that records hub measurements as Prometheus metrics (names carry `prefix`):
 *
 * | metric | type | labels |
 * | --- | --- | --- |
 * | `requests_total` | counter | provider, model, route, operation, outcome |
 * | `errors_total` | counter | provider, model, route, operation, code (one per failed attempt) |
 * | `retries_total`, `fallbacks_total` | counter | provider, model, route, operation |
 * | `request_duration_seconds` | histogram | provider, model, route, operation, outcome |
 * | `time_to_first_token_seconds` | histogram | provider, model, route, operation (streams) |
 * | `tokens_total` | counter | provider, model, route, operation, type (input, output, cached, reasoning) |
 * | `cost_usd_total` | counter | provider, model, route, operation |
 * | `cache_lookups_total` | counter | provider, model, route, operation, result (hit, miss) |
 * | `rate_limit_waits_seconds` | histogram | provider, model, route, operation |
 * | `rate_limit_rejections_total` | counter | provider, model, route, operation |
 * | `circuit_state` | gauge | target (0 closed, 1 half-open, 2 open) |
 *
 * `operation` is the hub operation: `complete`, `stream`, `embed` or `count-tokens`. Embeddings
 * add `input` tokens only (they produce none, and an `output` series of zeros would read as
 * completions that wrote nothing); token counts add no tokens (counting spends none) and no cost.
 *
 * Labels are the identifiers of `MetricLabels` (`route` is `''` when the request named none) and
 * closed sets (error codes, token types); never keys, prompts or caller ids. Whatever callers
 * send, the label sets stay bounded: each of provider, model, route and target keeps its first
 * `maxLabelValues` distinct values, the first `maxLabelSets` (provider, model, route, operation)
 * sets are kept, and anything beyond is recorded as `other` (a new set beyond the second bound
 * under provider, model and route `other`). An outcome or code outside the error codes is
 * `other` too. Provider,
 * model and route come from the final attempt, so a call that fell back is counted under the
 * target that settled it. Answers served from a cache add no tokens and no cost: nothing was
 * spent on them.
 *
 * @throws ConfigError for a bad prefix, bucket list or label limit, or when the registry already
 * holds a metric of the same name (register one collector per prefix and registry).
 */
export function prometheusCollector(options: PrometheusCollectorOptions = {}): PrometheusCollector {
  const prefix = options.prefix ?? 'llm_hub_';
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)) {
    throw new ConfigError(
      `prometheusCollector: prefix ${JSON.stringify(prefix)} is not a valid Prometheus metric name start (letters, digits, "_" and ":", not starting with a digit).`,
      { path: 'prefix' },
    );
  }
  const buckets = validateBuckets(options.buckets ?? LLM_LATENCY_BUCKETS, 'buckets');
  // duck-typed rather than instanceof: the application may hold another copy of prom-client 15
  if (options.registry !== undefined && !isRegistry(options.registry)) {
    throw new ConfigError('prometheusCollector: registry must be a prom-client Registry.', {
      path: 'registry',
    });
  }
  const { maxLabelValues, maxLabelSets } = resolveMetricLabelLimits(options, 'prometheusCollector');
  const registry = options.registry ?? new Registry();
  assertFree(registry, prefix, METRIC_NAMES);
  const registers = [registry];
  const withBase = <T extends string>(...extra: T[]): (BaseLabel | T)[] => [...BASE_LABELS, ...extra];

  const requests = new BufferedCounter({
    name: `${prefix}requests_total`,
    help: 'Hub calls, after all retries and fallbacks, by outcome (success or the error code).',
    labelNames: withBase('outcome'),
    registers,
  });
  const errors = new BufferedCounter({
    name: `${prefix}errors_total`,
    help: 'Failed attempts by error code, including attempts a retry or fallback then recovered.',
    labelNames: withBase('code'),
    registers,
  });
  const retries = new BufferedCounter({
    name: `${prefix}retries_total`,
    help: 'Retries of the same target.',
    labelNames: withBase(),
    registers,
  });
  const fallbacks = new BufferedCounter({
    name: `${prefix}fallbacks_total`,
    help: 'Moves from a failing target (the labels) to another one.',
    labelNames: withBase(),
    registers,
  });
  const duration = new Histogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Wall time of hub calls, all attempts included, in seconds.',
    labelNames: withBase('outcome'),
    buckets,
    registers,
  });
  const timeToFirstToken = new Histogram({
    name: `${prefix}time_to_first_token_seconds`,
    help: 'Time from the start of a streamed hub call to its first content chunk, in seconds.',
    labelNames: withBase(),
    buckets,
    registers,
  });
  const tokens = new BufferedCounter({
    name: `${prefix}tokens_total`,
    help: 'Tokens of answered calls by type (input includes cached; output includes reasoning).',
    labelNames: withBase('type'),
    registers,
  });
  const cost = new BufferedCounter({
    name: `${prefix}cost_usd_total`,
    help: 'Cost of answered calls in US dollars, for models with known prices.',
    labelNames: withBase(),
    registers,
  });
  const cacheLookups = new BufferedCounter({
    name: `${prefix}cache_lookups_total`,
    help: 'Response cache lookups by result (hit or miss).',
    labelNames: withBase('result'),
    registers,
  });
  const rateLimitWaits = new Histogram({
    name: `${prefix}rate_limit_waits_seconds`,
    help: 'Time requests waited for a rate limiter, in seconds.',
    labelNames: withBase(),
    buckets,
    registers,
  });
  const rateLimitRejections = new BufferedCounter({
    name: `${prefix}rate_limit_rejections_total`,
    help: 'Requests a rate limiter rejected.',
    labelNames: withBase(),
    registers,
  });
  const circuitState = new Gauge({
    name: `${prefix}circuit_state`,
    help: 'Circuit breaker state per target: 0 closed, 1 half-open, 2 open.',
    labelNames: ['target'],
    registers,
  });

  const metrics: HubMetrics = {
    requests,
    errors,
    retries,
    fallbacks,
    duration,
    timeToFirstToken,
    tokens,
    cost,
    cacheLookups,
    rateLimitWaits,
    rateLimitRejections,
  };
  const providers = new BoundedLabelValues(maxLabelValues);
  const models = new BoundedLabelValues(maxLabelValues);
  const routes = new BoundedLabelValues(maxLabelValues);
  const circuitTargets = new BoundedLabelValues(maxLabelValues);
  // provider → model → route → operation: nested maps, because ids joined into one key could
  // collide (model ids come from callers and may hold any character). Bound: only kept label
  // values are keys, and at most `maxLabelSets` sets plus the two overflow sets (all `other`,
  // per operation) are created; none is ever removed (its series would lose their counts).
  const labelSets = new Map<string, Map<string, Map<string, Partial<Record<string, LabelSetMetrics>>>>>();
  let labelSetCount = 0;
  const findLabelSet = (
    provider: string,
    model: string,
    route: string,
    operation: string,
  ): LabelSetMetrics | undefined => labelSets.get(provider)?.get(model)?.get(route)?.[operation];
  const createLabelSet = (
    provider: string,
    model: string,
    route: string,
    operation: MetricLabels['operation'],
  ): LabelSetMetrics => {
    let byModel = labelSets.get(provider);
    if (byModel === undefined) {
      byModel = new Map();
      labelSets.set(provider, byModel);
    }
    let byRoute = byModel.get(model);
    if (byRoute === undefined) {
      byRoute = new Map();
      byModel.set(model, byRoute);
    }
    let byOperation = byRoute.get(route);
    if (byOperation === undefined) {
      byOperation = {};
      byRoute.set(route, byOperation);
    }
    const labelSet = new LabelSetMetrics(metrics, { provider, model, route, operation });
    byOperation[operation] = labelSet;
    return labelSet;
  };
  const labelSetOf = (labels: MetricLabels): LabelSetMetrics => {
    const route = labels.route ?? '';
    // the usual case: a set already kept, found without touching the bounds
    const known = findLabelSet(labels.provider, labels.model, route, labels.operation);
    if (known !== undefined) return known;
    const provider = providers.bound(labels.provider);
    const model = models.bound(labels.model);
    const boundedRoute = routes.bound(route);
    const existing = findLabelSet(provider, model, boundedRoute, labels.operation);
    if (existing !== undefined) return existing;
    if (labelSetCount < maxLabelSets) {
      labelSetCount++;
      return createLabelSet(provider, model, boundedRoute, labels.operation);
    }
    return (
      findLabelSet(OTHER_LABEL_VALUE, OTHER_LABEL_VALUE, OTHER_LABEL_VALUE, labels.operation) ??
      createLabelSet(OTHER_LABEL_VALUE, OTHER_LABEL_VALUE, OTHER_LABEL_VALUE, labels.operation)
    );
  };

  // filled only once exposeTargetStats is called: the hot path pays one undefined check otherwise.
  // Bound: targets whose provider and model are kept label values only, at most `maxLabelSets`;
  // never removed (the gauges are read from the hub's store at each scrape).
  let seenTargets: Map<string, Target> | undefined;
  const see = (labels: MetricLabels): void => {
    if (seenTargets === undefined) return;
    const key = `${labels.provider}\u0000${labels.model}`;
    if (seenTargets.has(key) || seenTargets.size >= maxLabelSets) return;
    if (providers.has(labels.provider) && models.has(labels.model))
      seenTargets.set(key, { providerId: labels.provider, model: labels.model });
  };

  return {
    name: 'prometheus',
    registry,
    get contentType() {
      return registry.contentType;
    },
    metrics: () => registry.metrics(),

    recordRequest(measurement: RequestMeasurement) {
      const labels = measurement.labels;
      const labelSet = labelSetOf(labels);
      see(labels);
      const outcome = labelSet.outcome(boundedOutcome(measurement.outcome));
      outcome.requests.add(1);
      observeMs(outcome.duration, measurement.durationMs);
      if (measurement.timeToFirstTokenMs !== undefined)
        observeMs(labelSet.timeToFirstToken, measurement.timeToFirstTokenMs);
      if (measurement.cached === true) return;
      const usage = measurement.usage;
      if (usage !== undefined) {
        add(labelSet.tokens('input'), usage.inputTokens);
        if (labelSet.producesOutput) add(labelSet.tokens('output'), usage.outputTokens);
        if (usage.cachedInputTokens !== undefined) add(labelSet.tokens('cached'), usage.cachedInputTokens);
        if (usage.reasoningTokens !== undefined) add(labelSet.tokens('reasoning'), usage.reasoningTokens);
      }
      if (measurement.costUsd !== undefined) add(labelSet.cost, measurement.costUsd);
    },
    recordAttemptError(labels, code) {
      const labelSet = labelSetOf(labels);
      see(labels);
      labelSet.error(boundedOutcome(code)).add(1);
    },
    recordRetry(labels) {
      labelSetOf(labels).retries.add(1);
    },
    // the target fallen back to is not a label: fallbacks_total counts per target failed over from
    recordFallback(labels) {
      labelSetOf(labels).fallbacks.add(1);
    },
    recordCacheLookup(labels, hit) {
      labelSetOf(labels).cacheLookup(hit).add(1);
    },
    recordRateLimit(labels, outcome) {
      const labelSet = labelSetOf(labels);
      if (outcome.waitedMs > 0) observeMs(labelSet.rateLimitWaits, outcome.waitedMs);
      if (outcome.rejected) labelSet.rateLimitRejections.add(1);
    },
    recordCircuitState(target, state) {
      const value = CIRCUIT_STATE_VALUES[state];
      if (value !== undefined) circuitState.set({ target: circuitTargets.bound(target) }, value);
    },

    exposeTargetStats(store) {
      if (seenTargets !== undefined) {
        throw new ConfigError('prometheusCollector: exposeTargetStats was already called.', {
          path: 'exposeTargetStats',
        });
      }
      assertFree(registry, prefix, TARGET_STATS_NAMES);
      const targets = new Map<string, Target>();
      seenTargets = targets;
      const statsGauge = (name: string, help: string, read: (target: Target) => number | undefined) =>
        new Gauge({
          name: `${prefix}${name}`,
          help,
          labelNames: ['provider', 'model'],
          registers,
          collect() {
            // rebuilt at every scrape from the store, so the exported value is the store's value
            this.reset();
            for (const target of targets.values()) {
              const value = read(target);
              if (value !== undefined) this.set({ provider: target.providerId, model: target.model }, value);
            }
          },
        });
      statsGauge(
        'target_latency_seconds',
        "Moving average of a target's successful attempt latency, in seconds (the selectors' view).",
        (target) => {
          const latencyMs = store.get(target).latencyMs;
          return latencyMs === undefined ? undefined : latencyMs / 1000;
        },
      );
      statsGauge(
        'target_error_rate',
        "Moving average of a target's attempt failure rate, 0 to 1 (the selectors' view).",
        (target) => store.get(target).errorRate,
      );
      statsGauge(
        'target_healthy',
        'Whether selectors may pick the target (0 while a circuit breaker holds it unhealthy).',
        (target) => (store.get(target).healthy ? 1 : 0),
      );
    },
  };
}

function observeMs(histogram: HistogramChild, milliseconds: number): void {
  if (Number.isFinite(milliseconds) && milliseconds >= 0) histogram.observe(milliseconds / 1000);
}

function add(cell: CounterCell, value: number): void {
  // prom-client throws on negative increments; a provider's odd usage figure must not lose a call
  if (Number.isFinite(value) && value >= 0) cell.add(value);
}

function isRegistry(value: unknown): value is Registry {
  const candidate = value as Partial<Registry> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.registerMetric === 'function' &&
    typeof candidate.getSingleMetric === 'function' &&
    typeof candidate.metrics === 'function'
  );
}

function assertFree(registry: Registry, prefix: string, names: readonly string[]): void {
  for (const name of names) {
    if (registry.getSingleMetric(`${prefix}${name}`) !== undefined) {
      throw new ConfigError(
        `prometheusCollector: the registry already has a metric named "${prefix}${name}". Use another prefix or registry for a second collector.`,
        { path: 'prefix' },
      );
    }
  }
}
