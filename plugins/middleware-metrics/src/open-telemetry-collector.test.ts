import {
  type CompletionRequest,
  ConnectorError,
  createHub,
  type Hub,
  type MetricsCollector,
  type ModelInfo,
  type RequestMeasurement,
} from '@hub/core';
import { createEmbeddingMock, mockPlugin } from '@hub/testing';
import { type Meter, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  DataPointType,
  type Histogram,
  type HistogramMetricData,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_LABEL_LIMITS } from './metric-label-limits.js';
import { metricsPlugin } from './metrics-plugin.js';
import { openTelemetryCollector } from './open-telemetry-collector.js';

// collects on demand: no export timer, so the test reads exactly what was recorded
class TestMetricReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

const model = (id: string): ModelInfo => ({
  id,
  contextWindow: 128_000,
  capabilities: { streaming: true, tools: true, vision: false, json: true },
  pricing: { inputPer1k: 0.00015, outputPer1k: 0.0006, cachedInputPer1k: 0.000075 },
});

const histogramOf = (point: { readonly value: unknown } | undefined): Histogram => {
  if (point === undefined) throw new Error('The data point is missing.');
  return point.value as Histogram;
};

const ask = (address: string, text: string): CompletionRequest => ({
  model: address,
  messages: [{ role: 'user', content: text }],
});

describe('openTelemetryCollector', () => {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const reader = new TestMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const measurements: RequestMeasurement[] = [];
  const capture: MetricsCollector = { name: 'capture', recordRequest: (item) => measurements.push(item) };
  let hub: Hub;
  let histograms: Map<string, HistogramMetricData>;
  let spans: ReadableSpan[];

  beforeAll(async () => {
    const openai = mockPlugin({ providerId: 'openai', models: [model('gpt-4o-mini')] });
    const bedrock = mockPlugin({ providerId: 'bedrock', models: [model('claude-sonnet-4')] });
    hub = createHub({
      plugins: [
        openai,
        bedrock,
        metricsPlugin({
          collectors: [
            openTelemetryCollector({
              meter: meterProvider.getMeter('test'),
              tracer: tracerProvider.getTracer('test'),
            }),
            capture,
          ],
        }),
      ],
    });

    openai.provider.enqueue({
      type: 'chunks',
      chunks: [
        { type: 'text-delta', text: 'Hello' },
        {
          type: 'finish',
          finishReason: 'stop',
          model: 'gpt-4o-mini-2024-07-18',
          usage: { inputTokens: 1000, outputTokens: 200, totalTokens: 1200, cachedInputTokens: 600 },
        },
      ],
    });
    await hub.complete(ask('openai/gpt-4o-mini', 'first'));

    openai.provider.enqueue({
      type: 'error',
      error: new ConnectorError('authentication', 'Bad credentials.', { providerId: 'openai' }),
    });
    await expect(hub.complete(ask('openai/gpt-4o-mini', 'second'))).rejects.toMatchObject({
      code: 'authentication',
    });

    bedrock.provider.enqueue({
      type: 'text',
      text: 'streamed words here',
      finishReason: 'length',
      usage: { inputTokens: 40, outputTokens: 3, totalTokens: 43 },
    });
    for await (const _chunk of hub.stream(ask('bedrock/claude-sonnet-4', 'third'))) {
      // drain
    }

    const collected = await reader.collect();
    histograms = new Map();
    for (const scope of collected.resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        if (metric.dataPointType === DataPointType.HISTOGRAM) histograms.set(metric.descriptor.name, metric);
      }
    }
    spans = spanExporter.getFinishedSpans();
  });

  afterAll(async () => {
    await meterProvider.shutdown();
    await tracerProvider.shutdown();
  });

  it('records gen_ai.client.operation.duration in seconds with the required attributes', () => {
    const duration = histograms.get('gen_ai.client.operation.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const points = duration?.dataPoints ?? [];
    expect(points.map((point) => point.attributes)).toEqual([
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.system': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      },
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.system': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'error.type': 'authentication',
      },
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'aws.bedrock',
        'gen_ai.system': 'aws.bedrock',
        'gen_ai.request.model': 'claude-sonnet-4',
        'gen_ai.response.model': 'claude-sonnet-4',
      },
    ]);
    const first = histogramOf(points[0]);
    expect(first.count).toBe(1);
    expect(first.sum).toBeCloseTo((measurements[0]?.durationMs as number) / 1000, 9);
    // the boundaries the conventions specify, taken from the instrument's advice
    expect(first.buckets.boundaries).toEqual([
      0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
    ]);
  });

  it('records gen_ai.client.token.usage per token type for answered calls', () => {
    const usage = histograms.get('gen_ai.client.token.usage');
    expect(usage?.descriptor.unit).toBe('{token}');
    const sums = (usage?.dataPoints ?? []).map((point) => [
      point.attributes['gen_ai.provider.name'],
      point.attributes['gen_ai.token.type'],
      histogramOf(point).count,
      histogramOf(point).sum,
    ]);
    expect(sums).toEqual([
      ['openai', 'input', 1, 1000],
      ['openai', 'output', 1, 200],
      ['aws.bedrock', 'input', 1, 40],
      ['aws.bedrock', 'output', 1, 3],
    ]);
    expect(histogramOf(usage?.dataPoints[0]).buckets.boundaries.at(-1)).toBe(67108864);
  });

  it('records time to first chunk for streams only', () => {
    const points = histograms.get('gen_ai.client.operation.time_to_first_chunk')?.dataPoints ?? [];
    expect(points).toHaveLength(1);
    expect(points[0]?.attributes['gen_ai.provider.name']).toBe('aws.bedrock');
    expect(histogramOf(points[0]).count).toBe(1);
  });

  it('creates one CLIENT span per call, named after the operation and model, back-dated to its start', () => {
    expect(spans.map((span) => span.name)).toEqual([
      'chat gpt-4o-mini',
      'chat gpt-4o-mini',
      'chat claude-sonnet-4',
    ]);
    expect(spans.every((span) => span.kind === SpanKind.CLIENT)).toBe(true);
    spans.forEach((span, index) => {
      const durationMs = span.duration[0] * 1000 + span.duration[1] / 1e6;
      expect(durationMs).toBeCloseTo(measurements[index]?.durationMs as number, 3);
    });

    const success = spans[0] as ReadableSpan;
    expect(success.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 200,
      'gen_ai.usage.cache_read.input_tokens': 600,
      'llm_hub.operation': 'complete',
      'llm_hub.cached': false,
      'llm_hub.attempts': 1,
      // (400 × 0.00015 + 600 × 0.000075 + 200 × 0.0006) / 1000
      'llm_hub.cost_usd': expect.closeTo(0.000225, 12),
    });
    expect(success.status.code).toBe(SpanStatusCode.UNSET);

    const stream = spans[2] as ReadableSpan;
    expect(stream.attributes['gen_ai.response.finish_reasons']).toEqual(['length']);
    expect(stream.attributes['llm_hub.operation']).toBe('stream');
  });

  it('marks a failed call ERROR with error.type and no usage', () => {
    const failed = spans[1] as ReadableSpan;
    expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: 'authentication' });
    expect(failed.attributes['error.type']).toBe('authentication');
    expect(failed.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expect(failed.attributes['gen_ai.response.finish_reasons']).toBeUndefined();
  });

  it('never records prompt text', () => {
    const everything = JSON.stringify(spans.map((span) => span.attributes));
    for (const prompt of ['first', 'second', 'third']) expect(everything).not.toContain(prompt);
  });

  it('adds no token usage for answers served from a cache, and honours a providerName mapping', async () => {
    const localReader = new TestMetricReader();
    const localMeters = new MeterProvider({ readers: [localReader] });
    const collector = openTelemetryCollector({
      meter: localMeters.getMeter('test'),
      tracer: tracerProvider.getTracer('test'),
      providerName: (providerId) => `custom.${providerId}`,
    });
    collector.recordRequest({
      labels: { provider: 'openai', model: 'gpt-4o-mini', operation: 'complete', route: 'chat' },
      outcome: 'success',
      durationMs: 3,
      cached: true,
      usage: { inputTokens: 5, outputTokens: 5, totalTokens: 10 },
    });
    const collected = await localReader.collect();
    const names = collected.resourceMetrics.scopeMetrics.flatMap((scope) =>
      scope.metrics.map((metric) => metric.descriptor.name),
    );
    expect(names).toEqual(['gen_ai.client.operation.duration']);
    const span = spanExporter.getFinishedSpans().at(-1) as ReadableSpan;
    expect(span.attributes['gen_ai.provider.name']).toBe('custom.openai');
    expect(span.attributes['llm_hub.cached']).toBe(true);
    expect(span.attributes['llm_hub.route']).toBe('chat');
    await localMeters.shutdown();
  });

  it('defaults to the global API, a no-op without an SDK', () => {
    const collector = openTelemetryCollector();
    expect(() =>
      collector.recordRequest({
        labels: { provider: 'openai', model: 'gpt-4o-mini', operation: 'complete' },
        outcome: 'timeout',
        durationMs: 10,
      }),
    ).not.toThrow();
  });
});

describe('openTelemetryCollector for embeddings and token counting', () => {
  it('names the operations as the conventions do, and records no output tokens for them', async () => {
    const spanExporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(spanExporter)],
    });
    const reader = new TestMetricReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const provider = createEmbeddingMock({
      providerId: 'openai',
      models: [
        model('gpt-4o-mini'),
        {
          id: 'text-embedding-3-small',
          contextWindow: 8191,
          capabilities: { streaming: false, tools: false, vision: false, json: false, embedding: true },
          embedding: { dimensions: 1536 },
          pricing: { inputPer1k: 0.00002, outputPer1k: 0 },
        },
      ],
    });
    const hub = createHub({
      providers: [provider],
      plugins: [
        metricsPlugin({
          collectors: [
            openTelemetryCollector({
              meter: meterProvider.getMeter('test'),
              tracer: tracerProvider.getTracer('test'),
            }),
          ],
        }),
      ],
    });
    // 4000 characters: 1000 input tokens at the mock's four characters a token
    await hub.embed({ model: 'openai/text-embedding-3-small', input: ['a'.repeat(2000), 'b'.repeat(2000)] });
    await hub.countTokens(ask('openai/gpt-4o-mini', 'how many?'));
    await hub.complete(ask('openai/gpt-4o-mini', 'hello'));

    const collected = await reader.collect();
    const metricNamed = (name: string) =>
      collected.resourceMetrics.scopeMetrics
        .flatMap((scope) => scope.metrics)
        .find((metric) => metric.descriptor.name === name) as HistogramMetricData | undefined;
    const durations = metricNamed('gen_ai.client.operation.duration')?.dataPoints ?? [];
    expect(durations.map((point) => point.attributes['gen_ai.operation.name'])).toEqual([
      'embeddings',
      'count_tokens',
      'chat',
    ]);
    const tokens = (metricNamed('gen_ai.client.token.usage')?.dataPoints ?? []).map((point) => [
      point.attributes['gen_ai.operation.name'],
      point.attributes['gen_ai.token.type'],
      histogramOf(point).sum,
    ]);
    // the embedding's input only; nothing for the count; input and output for the completion
    expect(tokens).toEqual([
      ['embeddings', 'input', 1000],
      ['chat', 'input', expect.any(Number)],
      ['chat', 'output', expect.any(Number)],
    ]);

    const spans = spanExporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual([
      'embeddings text-embedding-3-small',
      'count_tokens gpt-4o-mini',
      'chat gpt-4o-mini',
    ]);
    const [embedding, count] = spans as [ReadableSpan, ReadableSpan];
    expect(embedding.attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.usage.input_tokens': 1000,
      'llm_hub.operation': 'embed',
      'llm_hub.cost_usd': expect.closeTo(0.00002, 15),
    });
    expect(embedding.attributes).not.toHaveProperty('gen_ai.usage.output_tokens');
    expect(count.attributes).toMatchObject({ 'gen_ai.operation.name': 'count_tokens' });
    expect(count.attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
    await meterProvider.shutdown();
    await tracerProvider.shutdown();
  });
});

describe('openTelemetryCollector attribute bounds', () => {
  /** A meter that keeps the distinct attribute sets recorded per instrument: the series an SDK keeps. */
  function recordingMeter() {
    const attributeSets = new Map<string, Map<string, Record<string, unknown>>>();
    const meter = {
      createHistogram(name: string) {
        const seen = new Map<string, Record<string, unknown>>();
        attributeSets.set(name, seen);
        return {
          record(_value: number, attributes: Record<string, unknown> = {}) {
            seen.set(JSON.stringify(attributes), attributes);
          },
        };
      },
    } as unknown as Meter;
    return { meter, attributeSets };
  }

  it('keeps 10 000 distinct model ids to a bounded number of attribute sets, spans included', () => {
    const { meter, attributeSets } = recordingMeter();
    const spanExporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(spanExporter)],
    });
    const collector = openTelemetryCollector({ meter, tracer: tracerProvider.getTracer('test') });
    for (let index = 0; index < 10_000; index++) {
      const labels = { provider: 'openai', model: `made-up-${index}`, operation: 'complete' as const };
      collector.recordRequest({ labels, outcome: 'not_found', durationMs: 12 });
      collector.recordRequest({
        labels,
        outcome: 'success',
        durationMs: 12,
        responseModel: `made-up-${index}-2025-01-01`,
        usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      });
    }
    const duration = [...(attributeSets.get('gen_ai.client.operation.duration')?.values() ?? [])];
    // before the bound: 20 000 attribute sets for this traffic, every one a series in the SDK
    expect(duration.length).toBeLessThanOrEqual(2 * (METRIC_LABEL_LIMITS.maxLabelValues + 1));
    expect(duration.some((attributes) => attributes['gen_ai.request.model'] === 'made-up-0')).toBe(true);
    expect(duration.some((attributes) => attributes['gen_ai.request.model'] === 'other')).toBe(true);
    expect(attributeSets.get('gen_ai.client.token.usage')?.size).toBeLessThanOrEqual(
      2 * (METRIC_LABEL_LIMITS.maxLabelValues + 1),
    );
    const spanNames = new Set(spanExporter.getFinishedSpans().map((span) => span.name));
    expect(spanNames.size).toBe(METRIC_LABEL_LIMITS.maxLabelValues + 1);
    expect(spanNames.has('chat other')).toBe(true);
  });

  it('bounds the combinations of provider, request model and response model', () => {
    const { meter, attributeSets } = recordingMeter();
    const collector = openTelemetryCollector({ meter, maxLabelValues: 100_000, maxLabelSets: 10 });
    for (let index = 0; index < 1000; index++) {
      collector.recordRequest({
        labels: { provider: `provider-${index % 5}`, model: `model-${index}`, operation: 'complete' },
        outcome: 'success',
        durationMs: 1,
        responseModel: `answer-${index}`,
      });
    }
    const sets = [...(attributeSets.get('gen_ai.client.operation.duration')?.values() ?? [])];
    expect(sets).toHaveLength(11);
    expect(sets.at(-1)).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'other',
      'gen_ai.system': 'other',
      'gen_ai.request.model': 'other',
      'gen_ai.response.model': 'other',
    });
  });

  it('records an error type outside the error codes as other, and validates its limits', () => {
    const { meter, attributeSets } = recordingMeter();
    const collector = openTelemetryCollector({ meter });
    collector.recordRequest({
      labels: { provider: 'openai', model: 'gpt-4o-mini', operation: 'complete' },
      outcome: 'made_up_code' as 'timeout',
      durationMs: 1,
    });
    const [attributes] = attributeSets.get('gen_ai.client.operation.duration')?.values() ?? [];
    expect(attributes?.['error.type']).toBe('other');
    expect(() => openTelemetryCollector({ maxLabelValues: -1 })).toThrow(
      expect.objectContaining({ path: 'maxLabelValues' }),
    );
    expect(() => openTelemetryCollector({ maxLabelSets: 0 })).toThrow(
      expect.objectContaining({ path: 'maxLabelSets' }),
    );
  });
});
