import { describe, expect, it } from 'vitest';
import type { ClientName } from '../clients/bench-client.js';
import type { ClientMeasurement } from '../scenarios/client-measurement.js';
import type { ClientResult, FeatureResult, GovernanceResult } from './bench-results.js';
import { evaluateTargets } from './evaluate-targets.js';

const latency = { count: 1, p50: 1, p99: 2, mean: 1, max: 2 };

function measurementOf(cpu: number): ClientMeasurement {
  return {
    latency,
    firstChunk: undefined,
    sequentialCpuUsPerRequest: cpu,
    rounds: [],
    cpuUsPerRequest: cpu,
    requestsPerSecond: 1000,
    upstreamRequests: 1,
  };
}

function client(
  name: ClientName,
  mode: 'complete' | 'stream',
  cpu: number,
  floorCpu: number,
  writes: 'burst' | 'per-event' = 'burst',
): ClientResult {
  const measurement = measurementOf(cpu);
  return {
    client: name,
    mode,
    writes,
    outcome: { status: 'ok', measurement },
    vsFloor: { cpu: cpu / floorCpu, latencyP50: 1, latencyP99: 1, firstChunkP50: undefined, throughput: 1 },
  };
}

describe('evaluateTargets', () => {
  const clients = [
    client('floor', 'complete', 100, 100),
    client('hub-bare', 'complete', 140, 100),
    client('hub-default', 'complete', 250, 100),
    client('floor', 'stream', 200, 200),
    client('hub-bare', 'stream', 300, 200),
    client('hub-stack', 'complete', 190, 100),
    client('floor', 'stream', 400, 400, 'per-event'),
    client('hub-stack', 'stream', 640, 400, 'per-event'),
  ];

  it('compares CPU per request to the floor of the same run', () => {
    const checks = evaluateTargets({
      clients,
      features: [],
      openStreams: [],
      leak: { client: 'hub-default', outcome: { status: 'n/a', reason: 'not run' } },
      gateways: [],
      coldStarts: [],
      embeddings: [],
      governance: [],
      quick: false,
    });
    expect(checks.slice(0, 5).map((check) => [check.name, check.met])).toEqual([
      ['bare hub complete CPU/request', true],
      ['hub complete + default middleware CPU/request', false],
      ['hub stream (50 chunks, burst) CPU/request', false],
      ['production stack complete CPU/request', true],
      ['production stack stream (50 chunks, per-event) CPU/request', false],
    ]);
    // the per-event stack is compared with the per-event floor, not the burst one
    expect(checks[4]?.measured).toBe('1.60× (640 µs vs 400 µs)');
    expect(checks[0]?.measured).toBe('1.40× (140 µs vs 100 µs)');
  });

  it('prices a middleware by the CPU it adds to the bare hub', () => {
    const feature = (name: ClientName, added: number): FeatureResult => ({
      client: name,
      mode: 'complete',
      writes: 'burst',
      outcome: { status: 'ok', measurement: { ...measurementOf(140 + added), miss: undefined } },
      cpuVsBareHub: (140 + added) / 140,
      cpuVsFloor: (140 + added) / 100,
      cpuAddedUs: added,
    });
    const checks = evaluateTargets({
      clients,
      features: [feature('hub-cache-miss', 12), feature('hub-logging', 4)],
      openStreams: [],
      leak: { client: 'hub-default', outcome: { status: 'n/a', reason: 'not run' } },
      gateways: [],
      coldStarts: [],
      embeddings: [],
      governance: [],
      quick: false,
    });
    const verdict = (name: string) => checks.find((check) => check.name === name)?.met;
    expect(verdict('memory-cache miss overhead (CPU)')).toBe(false);
    expect(verdict('logging at info (CPU)')).toBe(true);
  });

  it('reports targets whose scenarios did not run as not measured, with the reason', () => {
    const checks = evaluateTargets({
      clients: [],
      features: [],
      openStreams: [],
      leak: { client: 'hub-default', outcome: { status: 'n/a', reason: 'timed out after 300 s' } },
      gateways: [
        {
          target: 'portkey',
          endpoint: 'chat',
          addedFirstChunkP50Ms: undefined,
          outcome: { status: 'n/a', reason: 'did not start' },
          addedP50Ms: undefined,
          addedP99Ms: undefined,
          throughputVsDirect: undefined,
        },
      ],
      coldStarts: [],
      embeddings: [],
      governance: [
        {
          backend: 'postgres',
          upstreamMs: 20,
          outcome: { status: 'n/a', reason: 'the governance measurement exited with code 1' },
          addedP50Ms: undefined,
        },
      ],
      quick: true,
    });
    expect(checks).toHaveLength(17);
    expect(checks.every((check) => check.met === undefined)).toBe(true);
    expect(checks.find((check) => check.name.startsWith('no growth'))?.measured).toBe(
      'n/a (timed out after 300 s)',
    );
    expect(checks.at(-1)?.measured).toBe('n/a (the governance measurement exited with code 1)');
  });
});

describe('the governance target', () => {
  const latency = (p50Ms: number) => ({ p50Ms, p90Ms: p50Ms * 2, p99Ms: p50Ms * 4, meanMs: p50Ms });
  const run = (
    backend: 'postgres' | 'pglite',
    upstreamMs: number,
    admissionP50Ms: number,
  ): GovernanceResult => ({
    backend,
    upstreamMs,
    outcome: {
      status: 'ok',
      measurement: {
        backend,
        concurrency: 64,
        calls: 20_000,
        upstreamMs,
        admission: latency(admissionP50Ms),
        settle: latency(0.01),
        baseline: latency(0.003),
        callsPerSecond: 2400,
      },
    },
    addedP50Ms: admissionP50Ms - 0.003,
  });
  const check = (governance: GovernanceResult[], quick = false) =>
    evaluateTargets({
      clients: [],
      features: [],
      openStreams: [],
      leak: { client: 'hub-default', outcome: { status: 'n/a', reason: 'not run' } },
      gateways: [],
      coldStarts: [],
      embeddings: [],
      governance,
      quick,
    }).find((target) => target.name.startsWith('governance admission p50 at c=64'));

  it('judges the server database at a 20 ms upstream, not PGlite or the back-to-back run', () => {
    const target = check([run('postgres', 0, 0.4), run('postgres', 20, 3.59), run('pglite', 20, 0.5)]);
    expect(target?.goal).toBe('≤ 1 ms');
    expect(target?.met).toBe(false);
    expect(target?.measured).toBe(
      '3.59 ms (p99 14.4 ms; config-key baseline p50 0.003 ms; 20,000 calls, upstream 20 ms)',
    );
  });

  it('is met when admission p50 is within 1 ms, and says when the run was scaled down', () => {
    const target = check([run('postgres', 20, 0.8)], true);
    expect(target?.met).toBe(true);
    expect(target?.name).toContain('(quick: scaled down)');
  });

  it('is not measured when only PGlite ran', () => {
    const target = check([run('pglite', 20, 0.5)]);
    expect(target?.met).toBeUndefined();
    expect(target?.measured).toBe('n/a (not run)');
  });
});
