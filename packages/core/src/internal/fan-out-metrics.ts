import type { MetricsCollector } from '../contracts/metrics-collector.js';

/**
 * One collector that forwards to many; a collector that throws is ignored so measurements can
 * never fail a request.
 */
export function fanOutMetrics(collectors: readonly MetricsCollector[]): Required<MetricsCollector> {
  const each = <K extends keyof MetricsCollector>(method: K) =>
    ((...args: unknown[]) => {
      for (const collector of collectors) {
        const fn = collector[method];
        if (typeof fn !== 'function') continue;
        try {
          (fn as (...values: unknown[]) => void).apply(collector, args);
        } catch {
          // metrics are best effort by contract
        }
      }
    }) as NonNullable<MetricsCollector[K]>;
  return {
    name: 'fan-out',
    recordRequest: each('recordRequest'),
    recordAttemptError: each('recordAttemptError'),
    recordRetry: each('recordRetry'),
    recordFallback: each('recordFallback'),
    recordCacheLookup: each('recordCacheLookup'),
    recordRateLimit: each('recordRateLimit'),
    recordCircuitState: each('recordCircuitState'),
  };
}
