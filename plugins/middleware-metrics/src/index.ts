/**
 * @packageDocumentation
 * @module @hub/middleware-metrics
 * @document ../README.md
 */

// The public API of @hub/middleware-metrics, listed explicitly. The collectors live in their own
// entry points (`./prometheus`, `./opentelemetry`) so this one loads neither prom-client nor
// @opentelemetry/api: each is an optional peer installed only by those who use it.

export { computeCost } from './compute-cost.js';
export { computeEmbeddingCost } from './compute-embedding-cost.js';
export {
  COST_TRACKER_MAX_ROWS,
  type CostFilter,
  type CostKey,
  type CostSummary,
  type CostTotal,
  type CostTracker,
  type CostTrackerOptions,
  createCostTracker,
} from './cost-tracker.js';
export { type CostTrackingMiddleware, type CostTrackingOptions, costTracking } from './cost-tracking.js';
export { LLM_LATENCY_BUCKETS } from './llm-latency-buckets.js';
export {
  METRIC_LABEL_LIMITS,
  type MetricLabelLimitOptions,
  OTHER_LABEL_VALUE,
} from './metric-label-limits.js';
export { type MetricsPlugin, type MetricsPluginOptions, metricsPlugin } from './metrics-plugin.js';
