import type { MetricsCollector, RequestMeasurement } from '@hub/core';
import {
  type Attributes,
  type Histogram,
  type Meter,
  metrics,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { genAiProviderName } from './internal/gen-ai-provider-name.js';

/** Options of `openTelemetryCollector`. */
export interface OpenTelemetryCollectorOptions {
  /** Meter for the instruments. Default `metrics.getMeter('@hub/middleware-metrics')`. */
  readonly meter?: Meter;
  /** Tracer for the spans. Default `trace.getTracer('@hub/middleware-metrics')`. */
  readonly tracer?: Tracer;
  /**
   * Maps a hub provider id to the `gen_ai.provider.name` value. Default: the conventions'
   * well-known names for ids that differ (`bedrock` → `aws.bedrock`, `google` → `gcp.gemini`,
   * `mistral` → `mistral_ai`, …), the id itself otherwise.
   */
  readonly providerName?: (providerId: string) => string;
}

const SCOPE = '@hub/middleware-metrics';

// Bucket boundaries the GenAI semantic conventions specify for these two instruments
const DURATION_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
const TOKEN_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];

/**
 * Creates a collector that reports hub calls with the OpenTelemetry GenAI semantic conventions,
 * through `@opentelemetry/api` only (the application chooses and configures the SDK; without one
 * everything is a no-op).
 *
 * Metrics, each with `gen_ai.operation.name` = `chat`, `gen_ai.provider.name` (plus the legacy
 * `gen_ai.system`, same value), `gen_ai.request.model`, `gen_ai.response.model` when known and
 * `error.type` (the hub error code) on failure:
 * - `gen_ai.client.operation.duration` (histogram, `s`): every hub call, all attempts included;
 * - `gen_ai.client.token.usage` (histogram, `{token}`, `gen_ai.token.type` `input`/`output`):
 *   answered calls not served from a cache (a cache hit bills no tokens);
 * - `gen_ai.client.operation.time_to_first_chunk` (histogram, `s`): streams that produced content.
 *
 * Spans: one `chat {model}` span (kind CLIENT) per hub call, started `durationMs` before it is
 * recorded, in the active context (so it nests under the caller's span when the application
 * installed a context manager), with the attributes above plus `gen_ai.usage.input_tokens`,
 * `gen_ai.usage.output_tokens`, the cache and reasoning token counts when reported,
 * `gen_ai.response.finish_reasons`, and hub details under `llm_hub.*` (route, cached, attempts,
 * cost). A failed call ends with status ERROR and `error.type`. Prompts and answers are never
 * recorded.
 */
export function openTelemetryCollector(options: OpenTelemetryCollectorOptions = {}): MetricsCollector {
  const meter = options.meter ?? metrics.getMeter(SCOPE);
  const tracer = options.tracer ?? trace.getTracer(SCOPE);
  const providerName = options.providerName ?? genAiProviderName;

  const duration: Histogram = meter.createHistogram('gen_ai.client.operation.duration', {
    description: 'GenAI operation duration.',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const tokenUsage: Histogram = meter.createHistogram('gen_ai.client.token.usage', {
    description: 'Number of input and output tokens used.',
    unit: '{token}',
    advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
  });
  const timeToFirstChunk: Histogram = meter.createHistogram('gen_ai.client.operation.time_to_first_chunk', {
    description: 'Time to receive the first chunk of a streamed response.',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });

  return {
    name: 'opentelemetry',
    recordRequest(measurement: RequestMeasurement) {
      // epoch milliseconds with sub-millisecond precision; a Date would round fast calls to 0 ms
      const endTime = performance.timeOrigin + performance.now();
      const labels = measurement.labels;
      const provider = providerName(labels.provider);
      const errorType = measurement.outcome === 'success' ? undefined : measurement.outcome;
      const responseModel = measurement.responseModel;
      const usage = measurement.usage;

      // attribute objects are built as literals of fixed shape: adding keys one by one or
      // spreading turns them into slow dictionary objects, several microseconds per call
      const attributes = metricAttributes(provider, labels.model, responseModel, errorType);
      duration.record(measurement.durationMs / 1000, attributes);
      if (measurement.timeToFirstTokenMs !== undefined)
        timeToFirstChunk.record(measurement.timeToFirstTokenMs / 1000, attributes);
      if (usage !== undefined && measurement.cached !== true) {
        tokenUsage.record(usage.inputTokens, tokenAttributes(provider, labels.model, responseModel, 'input'));
        tokenUsage.record(
          usage.outputTokens,
          tokenAttributes(provider, labels.model, responseModel, 'output'),
        );
      }

      // undefined values are allowed in span attributes: the SDK drops them
      const spanAttributes: Attributes = {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': provider,
        'gen_ai.system': provider,
        'gen_ai.request.model': labels.model,
        'gen_ai.response.model': responseModel,
        'error.type': errorType,
        'gen_ai.response.finish_reasons':
          measurement.finishReason === undefined ? undefined : [measurement.finishReason],
        'gen_ai.usage.input_tokens': usage?.inputTokens,
        'gen_ai.usage.output_tokens': usage?.outputTokens,
        'gen_ai.usage.cache_read.input_tokens': usage?.cachedInputTokens,
        'gen_ai.usage.cache_creation.input_tokens': usage?.cacheWriteInputTokens,
        'gen_ai.usage.reasoning.output_tokens': usage?.reasoningTokens,
        'llm_hub.route': labels.route,
        'llm_hub.operation': labels.operation,
        'llm_hub.cached': measurement.cached === true,
        'llm_hub.attempts': measurement.attempts,
        'llm_hub.cost_usd': measurement.costUsd,
      };
      // the measurement arrives when the call settled, so the span is back-dated to its start
      const span = tracer.startSpan(`chat ${labels.model}`, {
        kind: SpanKind.CLIENT,
        startTime: endTime - Math.max(0, measurement.durationMs),
        attributes: spanAttributes,
      });
      if (errorType !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
      span.end(endTime);
    },
  };
}

// Metric attributes carry no undefined values: SDKs would export them as distinct attribute sets
function metricAttributes(
  provider: string,
  requestModel: string,
  responseModel: string | undefined,
  errorType: string | undefined,
): Attributes {
  if (errorType !== undefined) {
    return {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': provider,
      'gen_ai.system': provider,
      'gen_ai.request.model': requestModel,
      'error.type': errorType,
    };
  }
  if (responseModel === undefined) {
    return {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': provider,
      'gen_ai.system': provider,
      'gen_ai.request.model': requestModel,
    };
  }
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': provider,
    'gen_ai.system': provider,
    'gen_ai.request.model': requestModel,
    'gen_ai.response.model': responseModel,
  };
}

function tokenAttributes(
  provider: string,
  requestModel: string,
  responseModel: string | undefined,
  tokenType: 'input' | 'output',
): Attributes {
  if (responseModel === undefined) {
    return {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': provider,
      'gen_ai.system': provider,
      'gen_ai.request.model': requestModel,
      'gen_ai.token.type': tokenType,
    };
  }
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': provider,
    'gen_ai.system': provider,
    'gen_ai.request.model': requestModel,
    'gen_ai.response.model': responseModel,
    'gen_ai.token.type': tokenType,
  };
}
