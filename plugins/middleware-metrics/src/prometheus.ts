// The public API of @hub/middleware-metrics/prometheus, listed explicitly: the Prometheus collector,
// the only entry point that loads prom-client (an optional peer dependency).

export {
  type PrometheusCollector,
  type PrometheusCollectorOptions,
  prometheusCollector,
} from './prometheus-collector.js';
