import type {
  ErrorCode,
  MetricLabels,
  MetricsCollector,
  RateLimitSnapshot,
  RequestMeasurement,
} from '@hub/core';
import { histogramQuantile } from './log-histogram.js';
import { FIELD, StatsWindow, type WindowSummary } from './stats-window.js';

/** Most targets (`provider/model`) with their own stats; the least recently active is evicted. */
export const MAX_TRACKED_TARGETS = 256;
/** Most circuits whose state is remembered; the least recently changed is evicted. */
export const MAX_TRACKED_CIRCUITS = 512;

const OVERVIEW_BUCKET_MS = 10_000;
const OVERVIEW_BUCKETS = 360; // one hour
const TARGET_BUCKET_MS = 60_000;
const TARGET_BUCKETS = 5; // five minutes
/** The span the "current" figures are computed over. */
export const CURRENT_WINDOW_MS = 60_000;
const DAY_MS = 86_400_000;

/** The "right now" figures of the overview, over the last minute. */
export interface CurrentFigures {
  readonly requests: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  /** Failed calls / calls, 0 to 1; null without calls. Cancelled calls are not failures. */
  readonly errorRate: number | null;
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
  /** Streams only. */
  readonly timeToFirstTokenP50Ms: number | null;
  readonly tokensPerSecond: number;
  /** Cache hits / cache lookups, 0 to 1; null without lookups. */
  readonly cacheHitRate: number | null;
}

/** The last hour as time series, one point per `stepMs` (the last point is the current step). */
export interface OverviewSeries {
  readonly stepMs: number;
  /** Start of each step, epoch seconds. */
  readonly time: number[];
  readonly requestsPerSecond: number[];
  readonly errorsPerSecond: number[];
  readonly latencyP50Ms: (number | null)[];
  readonly latencyP99Ms: (number | null)[];
  readonly timeToFirstTokenP50Ms: (number | null)[];
  readonly tokensPerSecond: number[];
  readonly costUsd: number[];
}

/** What `GET /ui/api/overview` answers. */
export interface OverviewSnapshot {
  /** Epoch ms of the snapshot. */
  readonly now: number;
  readonly current: CurrentFigures;
  /** Cost this gateway instance measured since 00:00 UTC (calls with known prices). */
  readonly spendToday: { readonly costUsd: number; readonly requests: number; readonly since: string };
  readonly series: OverviewSeries;
}

/** One target's figures over the last five minutes, plus its state. */
export interface TargetFigures {
  readonly provider: string;
  readonly model: string;
  /** Provider calls: successes and failed attempts (cache hits excluded). */
  readonly attempts: number;
  readonly failures: number;
  readonly cacheHits: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
  readonly errorsByCode: Partial<Record<ErrorCode, number>>;
  readonly tokens: number;
  readonly costUsd: number;
  readonly rateLimitWaits: number;
  readonly rateLimitRejections: number;
  /** The provider's last reported rate-limit headroom for this target, and when (epoch ms). */
  readonly rateLimit: (RateLimitSnapshot & { readonly at: number }) | null;
  /** Epoch ms of the last activity; null for a configured target without traffic. */
  readonly lastSeen: number | null;
}

/** A circuit breaker's last reported state. */
export interface CircuitFigures {
  /** `provider/model` or `provider`, as the breaker keys its circuits. */
  readonly target: string;
  readonly state: 'closed' | 'open' | 'half-open';
  /** Epoch ms of the change. */
  readonly since: number;
}

/** In-process live statistics behind the dashboard; see `createLiveStats`. */
export interface LiveStats {
  /** Register on the hub (`metricsPlugin({ collectors })`): it is how the stats are fed. */
  readonly collector: MetricsCollector;
  /** Remembers the rate-limit headroom a response reported (from the dashboard's observer). */
  noteRateLimit(labels: MetricLabels, snapshot: RateLimitSnapshot): void;
  /** The overview: current figures, spend today and the last hour in steps of `stepMs`. */
  overview(stepMs: number): OverviewSnapshot;
  /** Per-target figures (tracked targets plus `configured` ones without traffic yet). */
  targets(configured?: readonly string[]): TargetFigures[];
  /** Circuits whose state a breaker reported, most recent change first. */
  circuits(): CircuitFigures[];
}

/** Options of `createLiveStats`. */
export interface LiveStatsOptions {
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

interface TargetEntry {
  readonly provider: string;
  readonly model: string;
  readonly window: StatsWindow;
  rateLimit: (RateLimitSnapshot & { readonly at: number }) | null;
  lastSeen: number;
}

/**
 * Live statistics fed by a `MetricsCollector`: an hour of 10-second buckets for the gateway as a
 * whole and five minutes of 1-minute buckets per target, all in fixed-size typed arrays (see
 * `StatsWindow`), so memory does not grow with traffic. Targets and circuits are keyed by the
 * hub's bounded labels (unknown models are `other`) and capped anyway (`MAX_TRACKED_TARGETS`,
 * `MAX_TRACKED_CIRCUITS`, least recently active evicted). Every collector method is O(1) and
 * never throws. No prompt, key or user text reaches it: only labels and numbers.
 */
export function createLiveStats(options: LiveStatsOptions = {}): LiveStats {
  const now = options.now ?? Date.now;
  const overall = new StatsWindow({ bucketMs: OVERVIEW_BUCKET_MS, bucketCount: OVERVIEW_BUCKETS });
  // bound MAX_TRACKED_TARGETS: when full, the entry with the oldest `lastSeen` is evicted (a scan
  // of the map, only when a new target arrives at the bound; no reordering per call)
  const targets = new Map<string, TargetEntry>();
  // bound MAX_TRACKED_CIRCUITS: insertion order = last change; the oldest change is evicted
  const circuits = new Map<string, CircuitFigures>();
  let spendDay = Math.floor(now() / DAY_MS);
  let spendCost = 0;
  let spendRequests = 0;

  const targetOf = (provider: string, model: string, time: number): TargetEntry => {
    const key = `${provider}/${model}`;
    let entry = targets.get(key);
    if (entry === undefined) {
      if (targets.size >= MAX_TRACKED_TARGETS) evictLeastRecent(targets);
      entry = {
        provider,
        model,
        window: new StatsWindow({ bucketMs: TARGET_BUCKET_MS, bucketCount: TARGET_BUCKETS }),
        rateLimit: null,
        lastSeen: time,
      };
      targets.set(key, entry);
    }
    entry.lastSeen = time;
    return entry;
  };

  const recordRequest = (measurement: RequestMeasurement): void => {
    const time = now();
    const outcome = measurement.outcome;
    const cancelled = outcome === 'cancelled';
    const usage = measurement.usage;
    const cost = measurement.costUsd;
    const slot = overall.slot(time);
    overall.addAt(slot, FIELD.requests);
    if (outcome !== 'success') {
      overall.errorAt(slot, outcome);
      if (!cancelled) overall.addAt(slot, FIELD.errors);
    }
    // a cancelled call's duration is the client's patience, not the gateway's latency
    if (!cancelled) overall.latencyAt(slot, measurement.durationMs);
    if (measurement.timeToFirstTokenMs !== undefined)
      overall.timeToFirstTokenAt(slot, measurement.timeToFirstTokenMs);
    if (usage !== undefined) {
      overall.addAt(slot, FIELD.inputTokens, usage.inputTokens);
      overall.addAt(slot, FIELD.outputTokens, usage.outputTokens);
    }
    if (cost !== undefined) overall.addAt(slot, FIELD.costUsd, cost);

    const day = Math.floor(time / DAY_MS);
    if (day !== spendDay) {
      spendDay = day;
      spendCost = 0;
      spendRequests = 0;
    }
    spendRequests += 1;
    spendCost += cost ?? 0;

    // failed attempts reach the target through recordAttemptError; here only what it answered
    if (outcome !== 'success') return;
    const target = targetOf(measurement.labels.provider, measurement.labels.model, time);
    const targetSlot = target.window.slot(time);
    if (measurement.cached === true) {
      target.window.addAt(targetSlot, FIELD.cacheHits);
      return;
    }
    target.window.addAt(targetSlot, FIELD.requests);
    target.window.latencyAt(targetSlot, measurement.durationMs);
    if (usage !== undefined) {
      target.window.addAt(targetSlot, FIELD.inputTokens, usage.inputTokens);
      target.window.addAt(targetSlot, FIELD.outputTokens, usage.outputTokens);
    }
    if (cost !== undefined) target.window.addAt(targetSlot, FIELD.costUsd, cost);
  };

  const collector: MetricsCollector = {
    name: 'dashboard-live-stats',
    recordRequest(measurement) {
      try {
        recordRequest(measurement);
      } catch {
        // a collector must never fail the call it measures
      }
    },
    recordAttemptError(labels, code) {
      if (code === 'cancelled') return;
      const time = now();
      const window = targetOf(labels.provider, labels.model, time).window;
      const slot = window.slot(time);
      window.addAt(slot, FIELD.requests);
      window.addAt(slot, FIELD.errors);
      window.errorAt(slot, code);
    },
    recordCacheLookup(_labels, hit) {
      const time = now();
      overall.add(time, 'cacheLookups');
      if (hit) overall.add(time, 'cacheHits');
    },
    recordRateLimit(labels, outcome) {
      const time = now();
      const target = targetOf(labels.provider, labels.model, time);
      target.window.add(time, outcome.rejected ? 'rateLimitRejections' : 'rateLimitWaits');
    },
    recordCircuitState(target, state) {
      circuits.delete(target);
      if (circuits.size >= MAX_TRACKED_CIRCUITS) circuits.delete(circuits.keys().next().value as string);
      circuits.set(target, { target, state, since: now() });
    },
  };

  return {
    collector,
    noteRateLimit(labels, snapshot) {
      const time = now();
      targetOf(labels.provider, labels.model, time).rateLimit = {
        ...(snapshot.remainingRequests !== undefined && { remainingRequests: snapshot.remainingRequests }),
        ...(snapshot.remainingTokens !== undefined && { remainingTokens: snapshot.remainingTokens }),
        ...(snapshot.requestsResetMs !== undefined && { requestsResetMs: snapshot.requestsResetMs }),
        ...(snapshot.tokensResetMs !== undefined && { tokensResetMs: snapshot.tokensResetMs }),
        at: time,
      };
    },
    overview(stepMs) {
      const time = now();
      const step = Math.max(1, Math.round(stepMs / OVERVIEW_BUCKET_MS)) * OVERVIEW_BUCKET_MS;
      const currentBucket = Math.floor(time / OVERVIEW_BUCKET_MS) * OVERVIEW_BUCKET_MS;
      const currentFrom = currentBucket - CURRENT_WINDOW_MS + OVERVIEW_BUCKET_MS;
      const current = figuresOf(overall.summarize(currentFrom, time + 1), time - currentFrom);
      const series: OverviewSeries = {
        stepMs: step,
        time: [],
        requestsPerSecond: [],
        errorsPerSecond: [],
        latencyP50Ms: [],
        latencyP99Ms: [],
        timeToFirstTokenP50Ms: [],
        tokensPerSecond: [],
        costUsd: [],
      };
      const lastStep = Math.floor(time / step) * step;
      const firstStep = lastStep - Math.floor((OVERVIEW_BUCKETS * OVERVIEW_BUCKET_MS) / step - 1) * step;
      for (let from = firstStep; from <= lastStep; from += step) {
        const to = Math.min(from + step, time + 1);
        const summary = overall.summarize(from, to);
        const seconds = Math.max(1, to - from) / 1000;
        const totals = summary.totals;
        series.time.push(from / 1000);
        series.requestsPerSecond.push(totals.requests / seconds);
        series.errorsPerSecond.push(totals.errors / seconds);
        series.latencyP50Ms.push(histogramQuantile(summary.latency, 0.5) ?? null);
        series.latencyP99Ms.push(histogramQuantile(summary.latency, 0.99) ?? null);
        series.timeToFirstTokenP50Ms.push(histogramQuantile(summary.timeToFirstToken, 0.5) ?? null);
        series.tokensPerSecond.push((totals.inputTokens + totals.outputTokens) / seconds);
        series.costUsd.push(totals.costUsd);
      }
      const today = Math.floor(time / DAY_MS);
      return {
        now: time,
        current,
        spendToday: {
          costUsd: today === spendDay ? spendCost : 0,
          requests: today === spendDay ? spendRequests : 0,
          since: new Date(today * DAY_MS).toISOString(),
        },
        series,
      };
    },
    targets(configured = []) {
      const time = now();
      const from =
        Math.floor(time / TARGET_BUCKET_MS) * TARGET_BUCKET_MS - (TARGET_BUCKETS - 1) * TARGET_BUCKET_MS;
      const rows: TargetFigures[] = [];
      const seen = new Set<string>();
      for (const [key, entry] of targets) {
        seen.add(key);
        rows.push(targetFiguresOf(entry, entry.window.summarize(from, time + 1), time - from));
      }
      for (const address of configured) {
        if (seen.has(address)) continue;
        const slash = address.indexOf('/');
        if (slash <= 0) continue;
        seen.add(address);
        rows.push(emptyTarget(address.slice(0, slash), address.slice(slash + 1)));
      }
      return rows.sort((left, right) =>
        `${left.provider}/${left.model}`.localeCompare(`${right.provider}/${right.model}`),
      );
    },
    circuits() {
      return [...circuits.values()].reverse();
    },
  };
}

function evictLeastRecent(targets: Map<string, TargetEntry>): void {
  let oldestKey: string | undefined;
  let oldest = Number.POSITIVE_INFINITY;
  for (const [key, entry] of targets) {
    if (entry.lastSeen < oldest) {
      oldest = entry.lastSeen;
      oldestKey = key;
    }
  }
  if (oldestKey !== undefined) targets.delete(oldestKey);
}

function figuresOf(summary: WindowSummary, spanMs: number): CurrentFigures {
  const totals = summary.totals;
  const seconds = Math.max(1, spanMs) / 1000;
  return {
    requests: totals.requests,
    errors: totals.errors,
    requestsPerSecond: totals.requests / seconds,
    errorRate: totals.requests === 0 ? null : totals.errors / totals.requests,
    latencyP50Ms: histogramQuantile(summary.latency, 0.5) ?? null,
    latencyP99Ms: histogramQuantile(summary.latency, 0.99) ?? null,
    timeToFirstTokenP50Ms: histogramQuantile(summary.timeToFirstToken, 0.5) ?? null,
    tokensPerSecond: (totals.inputTokens + totals.outputTokens) / seconds,
    cacheHitRate: totals.cacheLookups === 0 ? null : totals.cacheHits / totals.cacheLookups,
  };
}

function targetFiguresOf(entry: TargetEntry, summary: WindowSummary, spanMs: number): TargetFigures {
  const totals = summary.totals;
  return {
    provider: entry.provider,
    model: entry.model,
    attempts: totals.requests,
    failures: totals.errors,
    cacheHits: totals.cacheHits,
    requestsPerSecond: totals.requests / (Math.max(1, spanMs) / 1000),
    latencyP50Ms: histogramQuantile(summary.latency, 0.5) ?? null,
    latencyP99Ms: histogramQuantile(summary.latency, 0.99) ?? null,
    errorsByCode: summary.errorsByCode,
    tokens: totals.inputTokens + totals.outputTokens,
    costUsd: totals.costUsd,
    rateLimitWaits: totals.rateLimitWaits,
    rateLimitRejections: totals.rateLimitRejections,
    rateLimit: entry.rateLimit,
    lastSeen: entry.lastSeen,
  };
}

function emptyTarget(provider: string, model: string): TargetFigures {
  return {
    provider,
    model,
    attempts: 0,
    failures: 0,
    cacheHits: 0,
    requestsPerSecond: 0,
    latencyP50Ms: null,
    latencyP99Ms: null,
    errorsByCode: {},
    tokens: 0,
    costUsd: 0,
    rateLimitWaits: 0,
    rateLimitRejections: 0,
    rateLimit: null,
    lastSeen: null,
  };
}
