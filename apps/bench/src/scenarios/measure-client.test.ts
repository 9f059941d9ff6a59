import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchClient } from '../clients/bench-client.js';
import { createFloorClient } from '../clients/create-floor-client.js';
import { createFakeUpstream, type FakeUpstream } from '../fake-upstream/create-fake-upstream.js';
import { measureClient } from './measure-client.js';
import type { ClientRunSizes } from './run-sizes.js';

const sizes: ClientRunSizes = {
  warmup: 6,
  sequential: 5,
  rounds: 3,
  perRound: 8,
  concurrency: 4,
  phaseCapMs: 60_000,
};
let upstream: FakeUpstream;
let expected: { completion: string; stream: string };

beforeAll(async () => {
  upstream = await createFakeUpstream({ chunks: 3 });
  expected = { completion: upstream.frames.completionText, stream: upstream.frames.streamText };
});
afterAll(() => upstream.close());

function stubClient(answer: string, prompts: string[]): BenchClient {
  return {
    name: 'hub-bare',
    complete: async (prompt = 'default') => {
      prompts.push(prompt);
      return answer;
    },
    stream: async (onFirstContent) => {
      onFirstContent();
      return answer;
    },
    close: async () => {},
  };
}

describe('measureClient', () => {
  it('makes one checked call, then warm-up, sequential and round calls, and counts upstream requests', async () => {
    const client = createFloorClient({ origin: upstream.origin, redisUrl: '' });
    try {
      const measurement = await measureClient(client, 'stream', sizes, expected, upstream.origin);
      expect(measurement.latency.count).toBe(5);
      expect(measurement.firstChunk?.count).toBe(5);
      expect(measurement.rounds.map((round) => round.requests)).toEqual([8, 8, 8]);
      // warm-up and the checked call happen before counting starts
      expect(measurement.upstreamRequests).toBe(5 + 3 * 8);
      expect(measurement.cpuUsPerRequest).toBeGreaterThan(0);
      expect(measurement.requestsPerSecond).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('gives each concurrent worker its own prompt when asked, and has no first-chunk figures for completions', async () => {
    const prompts: string[] = [];
    const measurement = await measureClient(
      stubClient(expected.completion, prompts),
      'complete',
      sizes,
      expected,
      upstream.origin,
      true,
    );
    expect(measurement.firstChunk).toBeUndefined();
    expect(measurement.upstreamRequests).toBe(0);
    expect(prompts).toHaveLength(1 + 6 + 5 + 3 * 8);
    expect(new Set(prompts)).toEqual(new Set([0, 1, 2, 3].map((worker) => `Say hello. (worker ${worker})`)));
  });

  it('refuses to time a client whose answer is wrong', async () => {
    await expect(
      measureClient(stubClient('something else', []), 'complete', sizes, expected, upstream.origin),
    ).rejects.toThrow('unexpected answer');
  });
});
