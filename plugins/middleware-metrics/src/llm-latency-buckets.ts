/**
 * Default histogram buckets of `prometheusCollector`, in seconds. LLM calls range from tens of
 * milliseconds (cache hits, tiny prompts) to minutes (long reasoning answers), so the buckets
 * are spread roughly logarithmically from 50 ms to 120 s instead of prom-client's HTTP defaults
 * (5 ms to 10 s), which would put every long completion in `+Inf`.
 */
export const LLM_LATENCY_BUCKETS: readonly number[] = Object.freeze([
  0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 45, 60, 90, 120,
]);
