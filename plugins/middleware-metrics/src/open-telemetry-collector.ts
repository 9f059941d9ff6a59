import type { HubOperation, MetricsCollector, RequestMeasurement } from '@hub/core';
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
import { BoundedLabelValues } from './internal/bounded-label-values.js';
import { boundedOutcome } from './internal/bounded-outcome.js';
import { genAiProviderName } from './internal/gen-ai-provider-name.js';
import {
  type MetricLabelLimitOptions,
  OTHER_LABEL_VALUE,
  resolveMetricLabelLimits,
} from './metric-label-limits.js';

/**
 * Options of `openTelemetryCollector`. `maxLabelValues` (default 200) bounds the distinct values
 * of each of `gen_ai.provider.name`, `gen_ai.request.model` and `gen_ai.response.model`;
 * `maxLabelSets` (default 1000) bounds their distinct combinations. Values beyond are recorded as
 * `other`: see `METRIC_LABEL_LIMITS`.
 */
export interface OpenTelemetryCollectorOptions extends MetricLabelLimitOptions {
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

/**
 * `gen_ai.operation.name` per hub operation: the conventions' well-known value where one applies
 * (`chat`, `embeddings`: "if one of them applies, then that value MUST be used"), else a custom
 * value in their style (`count_tokens`: the conventions name no counting operation).
 */
const OPERATION_NAMES: Readonly<Record<HubOperation, string>> = {
  complete: 'chat',
  stream: 'chat',
  embed: 'embeddings',
  'count-tokens': 'count_tokens',
};

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
 * Metrics, each with `gen_ai.operation.name` (`chat` for completions and streams, `embeddings`,
 * and the custom `count_tokens` for token counting), `gen_ai.provider.name` (plus the legacy
 * `gen_ai.system`, same value), `gen_ai.request.model`, `gen_ai.response.model` when known and
 * `error.type` (the hub error code) on failure:
 * - `gen_ai.client.operation.duration` (histogram, `s`): every hub call, all attempts included;
 * - `gen_ai.client.token.usage` (histogram, `{token}`, `gen_ai.token.type` `input`/`output`):
 *   answered calls not served from a cache (a cache hit bills no tokens); embeddings record
 *   `input` only (they produce no output tokens, and zeros would skew the output distribution of
 *   completions), token counts nothing (counting spends no tokens);
 * - `gen_ai.client.operation.time_to_first_chunk` (histogram, `s`): streams that produced content.
 *
 * Spans: one `{gen_ai.operation.name} {model}` span (`chat gpt-4o`, `embeddings
 * text-embedding-3-small`; kind CLIENT) per hub call, started `durationMs` before it is
 * recorded, in the active context (so it nests under the caller's span when the application
 * installed a context manager), with the attributes above plus `gen_ai.usage.input_tokens`,
 * `gen_ai.usage.output_tokens`, the cache and reasoning token counts when reported,
 * `gen_ai.response.finish_reasons`, and hub details under `llm_hub.*` (route, cached, attempts,
 * cost). A failed call ends with status ERROR and `error.type`. Prompts and answers are never
 * recorded.
 *
 * Attribute values stay bounded whatever callers send: provider name, request model and response
 * model each keep their first `maxLabelValues` distinct values, the first `maxLabelSets`
 * combinations of the three are kept, and anything beyond is recorded as `other` (a combination
 * beyond the second bound with all three `other`), in metrics and spans alike; `error.type`
 * outside the error codes is `other` too.
 *
 * @throws ConfigError naming the field for an invalid label limit.
 */
export function openTelemetryCollector(options: OpenTelemetryCollectorOptions = {}): MetricsCollector {
  const meter = options.meter ?? metrics.getMeter(SCOPE);
  const tracer = options.tracer ?? trace.getTracer(SCOPE);
  const providerName = options.providerName ?? genAiProviderName;
  const { maxLabelValues, maxLabelSets } = resolveMetricLabelLimits(options, 'openTelemetryCollector');
  const providers = new BoundedLabelValues(maxLabelValues);
  const requestModels = new BoundedLabelValues(maxLabelValues);
  const responseModels = new BoundedLabelValues(maxLabelValues);
  // provider → request model → response model ('' when none): the combinations kept. Bound: at
  // most `maxLabelSets`, only kept values as keys; never removed (the SDK keeps their series).
  const combinations = new Map<string, Map<string, Set<string>>>();
  let combinationCount = 0;
  /** Whether the combination is kept (or can still be); when not, every part is recorded `other`. */
  const keepCombination = (provider: string, requestModel: string, responseModel: string): boolean => {
    let byRequestModel = combinations.get(provider);
    let responses = byRequestModel?.get(requestModel);
    if (responses?.has(responseModel)) return true;
    if (combinationCount >= maxLabelSets) return false;
    combinationCount++;
    if (byRequestModel === undefined) {
      byRequestModel = new Map();
      combinations.set(provider, byRequestModel);
    }
    if (responses === undefined) {
      responses = new Set();
      byRequestModel.set(requestModel, responses);
    }
    responses.add(responseModel);
    return true;
  };

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
      let provider = providers.bound(providerName(labels.provider));
      let requestModel = requestModels.bound(labels.model);
      let responseModel =
        measurement.responseModel === undefined ? undefined : responseModels.bound(measurement.responseModel);
      if (!keepCombination(provider, requestModel, responseModel ?? '')) {
        provider = OTHER_LABEL_VALUE;
        requestModel = OTHER_LABEL_VALUE;
        if (responseModel !== undefined) responseModel = OTHER_LABEL_VALUE;
      }
      const errorType = measurement.outcome === 'success' ? undefined : boundedOutcome(measurement.outcome);
      const usage = measurement.usage;
      // a plugin written in JavaScript could report any operation: unknown ones stay bounded
      const operationName = OPERATION_NAMES[labels.operation] ?? OTHER_LABEL_VALUE;
      const producesOutput = labels.operation === 'complete' || labels.operation === 'stream';

      // attribute objects are built as literals of fixed shape: adding keys one by one or
      // spreading turns them into slow dictionary objects, several microseconds per call
      const attributes = metricAttributes(operationName, provider, requestModel, responseModel, errorType);
      duration.record(measurement.durationMs / 1000, attributes);
      if (measurement.timeToFirstTokenMs !== undefined)
        timeToFirstChunk.record(measurement.timeToFirstTokenMs / 1000, attributes);
      if (usage !== undefined && measurement.cached !== true) {
        tokenUsage.record(
          usage.inputTokens,
          tokenAttributes(operationName, provider, requestModel, responseModel, 'input'),
        );
        if (producesOutput) {
          tokenUsage.record(
            usage.outputTokens,
            tokenAttributes(operationName, provider, requestModel, responseModel, 'output'),
          );
        }
      }

      // undefined values are allowed in span attributes: the SDK drops them
      const spanAttributes: Attributes = {
        'gen_ai.operation.name': operationName,
        'gen_ai.provider.name': provider,
        'gen_ai.system': provider,
        'gen_ai.request.model': requestModel,
        'gen_ai.response.model': responseModel,
        'error.type': errorType,
        'gen_ai.response.finish_reasons':
          measurement.finishReason === undefined ? undefined : [measurement.finishReason],
        'gen_ai.usage.input_tokens': usage?.inputTokens,
        'gen_ai.usage.output_tokens': producesOutput ? usage?.outputTokens : undefined,
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
      const span = tracer.startSpan(`${operationName} ${requestModel}`, {
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
  operationName: string,
  provider: string,
  requestModel: string,
  responseModel: string | undefined,
  errorType: string | undefined,
): Attributes {
  if (errorType !== undefined) {
    return {
      'gen_ai.operation.name': operationName,
      'gen_ai.provider.name': provider,
      'gen_ai.system': provider,
      'gen_ai.request.model': requestModel,
      'error.type': errorType,
    };
  }
  if (responseModel === undefined) {
    return {
      'gen_ai.operation.name': operationName,
      'gen_ai.provider.name': provider,
      'gen_ai.system': provider,
      'gen_ai.request.model': requestModel,
    };
  }
  return {
    'gen_ai.operation.name': operationName,
    'gen_ai.provider.name': provider,
    'gen_ai.system': provider,
    'gen_ai.request.model': requestModel,
    'gen_ai.response.model': responseModel,
  };
}

function tokenAttributes(
  operationName: string,
  provider: string,
  requestModel: string,
  responseModel: string | undefined,
  tokenType: 'input' | 'output',
): Attributes {
  if (responseModel === undefined) {
    return {
      'gen_ai.operation.name': operationName,
      'gen_ai.provider.name': provider,
      'gen_ai.system': provider,
      'gen_ai.request.model': requestModel,
      'gen_ai.token.type': tokenType,
    };
  }
  return {
    'gen_ai.operation.name': operationName,
    'gen_ai.provider.name': provider,
    'gen_ai.system': provider,
    'gen_ai.request.model': requestModel,
    'gen_ai.response.model': responseModel,
    'gen_ai.token.type': tokenType,
  };
}
