import { describe, expect, it } from 'vitest';
import type { ClientName } from '../clients/bench-client.js';
import type { ClientMeasurement } from '../scenarios/client-measurement.js';
import type { ClientResult, FeatureResult } from './bench-results.js';
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
      quick: true,
    });
    expect(checks).toHaveLength(16);
    expect(checks.every((check) => check.met === undefined)).toBe(true);
    expect(checks.find((check) => check.name.startsWith('no growth'))?.measured).toBe(
      'n/a (timed out after 300 s)',
    );
  });
});
