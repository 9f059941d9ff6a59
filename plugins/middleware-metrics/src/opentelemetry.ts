// The public API of @hub/middleware-metrics/opentelemetry, listed explicitly: the OpenTelemetry
// collector, the only entry point that loads @opentelemetry/api (an optional peer dependency).

export { type OpenTelemetryCollectorOptions, openTelemetryCollector } from './open-telemetry-collector.js';
