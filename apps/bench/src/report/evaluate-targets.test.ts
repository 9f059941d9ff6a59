import { describe, expect, it } from 'vitest';
import type { ClientName } from '../clients/bench-client.js';
import type { ClientMeasurement } from '../scenarios/client-measurement.js';
import type { ClientResult } from './bench-results.js';
import { evaluateTargets } from './evaluate-targets.js';

const latency = { count: 1, p50: 1, p99: 2, mean: 1, max: 2 };

function client(name: ClientName, mode: 'complete' | 'stream', cpu: number, floorCpu: number): ClientResult {
  const measurement: ClientMeasurement = {
    latency,
    firstChunk: undefined,
    sequentialCpuUsPerRequest: cpu,
    rounds: [],
    cpuUsPerRequest: cpu,
    requestsPerSecond: 1000,
    upstreamRequests: 1,
  };
  return {
    client: name,
    mode,
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
  ];

  it('compares CPU per request to the floor of the same run', () => {
    const checks = evaluateTargets({
      clients,
      features: [],
      openStreams: [],
      leak: { client: 'hub-default', outcome: { status: 'n/a', reason: 'not run' } },
      gateways: [],
      quick: false,
    });
    expect(checks.slice(0, 3).map((check) => [check.name, check.met])).toEqual([
      ['bare hub complete CPU/request', true],
      ['hub complete + default middleware CPU/request', false],
      ['hub stream (50 chunks) CPU/request', false],
    ]);
    expect(checks[0]?.measured).toBe('1.40× (140 µs vs 100 µs)');
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
          outcome: { status: 'n/a', reason: 'did not start' },
          addedP50Ms: undefined,
          addedP99Ms: undefined,
          throughputVsDirect: undefined,
        },
      ],
      quick: true,
    });
    expect(checks).toHaveLength(9);
    expect(checks.every((check) => check.met === undefined)).toBe(true);
    expect(checks.find((check) => check.name.startsWith('no growth'))?.measured).toBe(
      'n/a (timed out after 300 s)',
    );
  });
});
