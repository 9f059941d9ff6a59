import type { Target } from '../contracts/middleware-context.js';
import type { TargetStats, TargetStatsStore } from '../contracts/target-stats.js';
import { targetAddress } from './target-address.js';

// Weight of the newest sample in the moving averages: recent enough to react within ~10 calls
const LATENCY_ALPHA = 0.2;
const ERROR_ALPHA = 0.1;
/** Targets a store keeps by default (see `createTargetStatsStore`). */
const DEFAULT_CAPACITY = 4_096;

interface MutableStats {
  latencyMs: number | undefined;
  errorRate: number;
  calls: number;
  healthy: boolean;
  unhealthyUntil: number;
}

/**
 * An in-memory `TargetStatsStore`, one per hub.
 *
 * Bound: targets come from callers' model ids, so at most `capacity` targets are kept. Recording
 * or marking a target moves it to the back; when a new target arrives at capacity, the least
 * recently recorded *healthy* target is evicted (an unhealthy mark is a breaker's decision and
 * must not be lost to a flood of new ids; if every entry is unhealthy, the oldest goes).
 */
export function createTargetStatsStore(
  now: () => number = Date.now,
  capacity: number = DEFAULT_CAPACITY,
): TargetStatsStore {
  const entries = new Map<string, MutableStats>();
  const isHealthy = (stats: MutableStats | undefined): boolean => {
    if (stats === undefined || stats.healthy) return true;
    if (stats.unhealthyUntil !== 0 && now() >= stats.unhealthyUntil) {
      stats.healthy = true;
      stats.unhealthyUntil = 0;
      return true;
    }
    return false;
  };
  const evictOne = (): void => {
    let oldest: string | undefined;
    for (const [key, stats] of entries) {
      oldest ??= key;
      if (isHealthy(stats)) {
        entries.delete(key);
        return;
      }
    }
    if (oldest !== undefined) entries.delete(oldest);
  };
  const touch = (key: string): MutableStats => {
    let stats = entries.get(key);
    if (stats === undefined) {
      if (entries.size >= capacity) evictOne();
      stats = { latencyMs: undefined, errorRate: 0, calls: 0, healthy: true, unhealthyUntil: 0 };
    } else entries.delete(key);
    entries.set(key, stats);
    return stats;
  };
  return {
    get(target: Target): TargetStats {
      const model = entries.get(targetAddress(target));
      const provider = entries.get(target.providerId);
      return {
        latencyMs: model?.latencyMs,
        errorRate: model?.errorRate ?? 0,
        calls: model?.calls ?? 0,
        healthy: isHealthy(provider) && isHealthy(model),
      };
    },
    record(target, outcome) {
      const stats = touch(targetAddress(target));
      stats.calls++;
      stats.errorRate += ERROR_ALPHA * ((outcome.ok ? 0 : 1) - stats.errorRate);
      if (outcome.ok) {
        stats.latencyMs =
          stats.latencyMs === undefined
            ? outcome.latencyMs
            : stats.latencyMs + LATENCY_ALPHA * (outcome.latencyMs - stats.latencyMs);
      }
    },
    setHealth(target, healthy, untilEpochMs) {
      const model = target.model;
      const stats = touch(
        model === undefined ? target.providerId : targetAddress({ providerId: target.providerId, model }),
      );
      stats.healthy = healthy;
      stats.unhealthyUntil = healthy ? 0 : (untilEpochMs ?? 0);
    },
  };
}
