import { describe, expect, it } from 'vitest';
import { QUICK_SIZES } from '../scenarios/run-sizes.js';
import type { BenchResults, FeatureResult } from './bench-results.js';
import { renderBreakdownTable, renderMarkdown } from './render-markdown.js';

const latency = { count: 10, p50: 0.25, p99: 1.5, mean: 0.3, max: 2 };
const measurement = {
  latency,
  firstChunk: undefined,
  sequentialCpuUsPerRequest: 100,
  rounds: [],
  cpuUsPerRequest: 100,
  requestsPerSecond: 5000,
  upstreamRequests: 10,
};

const results: BenchResults = {
  schemaVersion: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1000,
  quick: true,
  environment: {
    node: '20.20.2',
    platform: 'linux',
    cpu: 'test cpu',
    cores: 2,
    memoryGiB: 4,
    loadAverage: 0.5,
    versions: { openai: '6.49.0', '@langchain/openai': '1.5.8' },
  },
  sizes: QUICK_SIZES,
  clients: [
    {
      client: 'floor',
      mode: 'complete',
      writes: 'burst',
      outcome: { status: 'ok', measurement },
      vsFloor: { cpu: 1, latencyP50: 1, latencyP99: 1, firstChunkP50: undefined, throughput: 1 },
    },
    {
      client: 'openai-sdk',
      mode: 'complete',
      writes: 'burst',
      outcome: { status: 'ok', measurement: { ...measurement, cpuUsPerRequest: 512 } },
      vsFloor: { cpu: 5.12, latencyP50: 2, latencyP99: 3, firstChunkP50: undefined, throughput: 0.25 },
    },
    {
      client: 'langchain',
      mode: 'complete',
      writes: 'burst',
      outcome: { status: 'n/a', reason: 'needs Node 22' },
      vsFloor: {
        cpu: undefined,
        latencyP50: undefined,
        latencyP99: undefined,
        firstChunkP50: undefined,
        throughput: undefined,
      },
    },
  ],
  features: [],
  openStreams: [],
  leak: { client: 'hub-default', outcome: { status: 'n/a', reason: 'not run' } },
  gateways: [],
  embeddings: [],
  governance: [
    {
      backend: 'postgres',
      upstreamMs: 20,
      outcome: {
        status: 'ok',
        measurement: {
          backend: 'postgres',
          concurrency: 64,
          calls: 500,
          upstreamMs: 20,
          admission: { p50Ms: 3.5, p90Ms: 8.5, p99Ms: 15.25, meanMs: 4.75 },
          settle: { p50Ms: 0.0125, p90Ms: 0.02, p99Ms: 0.05, meanMs: 0.015 },
          baseline: { p50Ms: 0.003, p90Ms: 0.009, p99Ms: 0.02, meanMs: 0.005 },
          callsPerSecond: 2414.7,
        },
      },
      addedP50Ms: 3.497,
    },
    {
      backend: 'pglite',
      upstreamMs: 0,
      outcome: { status: 'n/a', reason: 'timed out after 90 s' },
      addedP50Ms: undefined,
    },
  ],
  coldStarts: [
    {
      subject: 'hub-bare',
      outcome: {
        status: 'ok',
        measurement: { processes: 5, loadMs: 60, loadCpuMs: 50, sinceProcessStartMs: 90 },
      },
      loadVsOpenAiSdk: 0.75,
      loadCpuVsOpenAiSdk: 0.5,
    },
  ],
  targets: [{ name: 'bare hub complete CPU/request', goal: '≤ 1.5× floor', measured: '1.60×', met: false }],
};

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(results);

  it('marks a quick run and shows every figure with its ratio to the floor', () => {
    expect(markdown).toContain('## Benchmark results (--quick: scaled down, indicative only)');
    expect(markdown).toContain(
      '| openai SDK 6.49.0 | 512 µs | 5.12× | 0.250 ms | 2.00× | 1.50 ms | 3.00× | 5,000 | 0.25× |',
    );
  });

  it('shows a client that could not run as n/a with its reason', () => {
    expect(markdown).toContain('| LangChain.js ChatOpenAI 1.5.8 | n/a (needs Node 22) |');
  });

  it('prices each middleware against the bare hub and the floor, in both modes', () => {
    const feature = (mode: 'complete' | 'stream', cpu: number, added: number): FeatureResult => ({
      client: 'hub-logging',
      mode,
      writes: mode === 'stream' ? 'per-event' : 'burst',
      outcome: { status: 'ok', measurement: { ...measurement, cpuUsPerRequest: cpu, miss: undefined } },
      cpuVsBareHub: undefined,
      cpuVsFloor: cpu / 100,
      cpuAddedUs: added,
    });
    const table = renderBreakdownTable({
      clients: results.clients,
      features: [feature('complete', 104, 4), feature('stream', 450, -2)],
    });
    expect(table).toContain(
      '| logging (pino at info) | 104 µs | +4.00 µs | 1.04× | 450 µs | −2.00 µs | 4.50× |',
    );
    expect(table).toContain('| *reference: hub + production stack, client table* | – |');
    expect(table).not.toContain('| hub (bare) |');
  });

  it('shows cold starts with their ratio to the openai SDK', () => {
    expect(markdown).toContain('| hub (bare) + one provider | 60.0 ms | 0.75× | 50.0 ms | 0.50× | 90.0 ms |');
  });

  it('shows each governance run with admission percentiles, what it adds and its baseline', () => {
    expect(markdown).toContain('### Governance: key authentication plus a budget reservation (c=64)');
    expect(markdown).toContain(
      '| PostgreSQL server | 20 ms | 500 | 3.50 ms | 8.50 ms | 15.3 ms | 3.50 ms | 0.013 ms | 0.003 ms | 2,415 |',
    );
    expect(markdown).toContain('| PGlite (in process) | 0 ms (back to back) | n/a (timed out after 90 s) |');
  });

  it('flags a missed target', () => {
    expect(markdown).toContain('| bare hub complete CPU/request | ≤ 1.5× floor | 1.60× | **NO** |');
  });
});
