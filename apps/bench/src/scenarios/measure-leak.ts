import type { BenchClient } from '../clients/bench-client.js';
import { type MemorySample, sampleMemory } from './sample-memory.js';

/** Memory after a number of requests. */
export interface LeakCheckpoint extends MemorySample {
  readonly requests: number;
}

/** What a long run of sequential requests did to the client's memory. */
export interface LeakMeasurement {
  readonly requests: number;
  /** After warm-up (0 requests), then after each quarter. */
  readonly checkpoints: readonly LeakCheckpoint[];
  /** Heap used at the end minus after warm-up, in bytes. */
  readonly heapGrowth: number;
  /** Heap used at the end minus at the first quarter, in bytes: growth that keeps going. */
  readonly heapGrowthAfterFirstQuarter: number;
  readonly rssGrowth: number;
  readonly wallMs: number;
}

/**
 * Sends `requests` completions one after another and samples memory (after forced collection)
 * after warm-up and after every quarter. A leak shows as heap that keeps growing from quarter to
 * quarter; a one-time growth (a lazily built table) shows only in the first quarter.
 *
 * @param client - The client under test.
 * @param requests - How many to send after the warm-up.
 * @param warmup - How many to send first, unmeasured.
 * @param expectedText - The answer every completion must carry.
 * @returns The checkpoints and growth.
 * @throws Error when an answer is wrong.
 */
export async function measureLeak(
  client: BenchClient,
  requests: number,
  warmup: number,
  expectedText: string,
): Promise<LeakMeasurement> {
  for (let index = 0; index < warmup; index++) await client.complete();
  const checkpoints: LeakCheckpoint[] = [{ requests: 0, ...(await sampleMemory()) }];
  const quarter = Math.ceil(requests / 4);
  const started = performance.now();
  for (let sent = 0; sent < requests; ) {
    const until = Math.min(requests, sent + quarter);
    for (; sent < until; sent++) {
      const text = await client.complete();
      if (text !== expectedText) throw new Error(`unexpected answer ${JSON.stringify(text).slice(0, 100)}`);
    }
    checkpoints.push({ requests: sent, ...(await sampleMemory()) });
  }
  const wallMs = performance.now() - started;
  const first = checkpoints[0] as LeakCheckpoint;
  const firstQuarter = checkpoints[1] as LeakCheckpoint;
  const last = checkpoints[checkpoints.length - 1] as LeakCheckpoint;
  return {
    requests,
    checkpoints,
    heapGrowth: last.heapUsed - first.heapUsed,
    heapGrowthAfterFirstQuarter: last.heapUsed - firstQuarter.heapUsed,
    rssGrowth: last.rss - first.rss,
    wallMs,
  };
}
