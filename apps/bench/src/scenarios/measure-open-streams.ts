import type { BenchClient } from '../clients/bench-client.js';
import { controlRequest } from '../fake-upstream/control-request.js';
import { CONTROL_RELEASE_PATH } from '../fake-upstream/create-fake-upstream.js';
import { type MemorySample, sampleMemory } from './sample-memory.js';

/** What holding many streams open cost the client. */
export interface OpenStreamsMeasurement {
  readonly streams: number;
  /** Before opening (after warm-up), with all streams open, and after they all finished. */
  readonly before: MemorySample;
  readonly open: MemorySample;
  readonly after: MemorySample;
  /** (open − before) / streams, in bytes. */
  readonly rssPerStream: number;
  readonly heapPerStream: number;
  /** Time to open every stream and receive its first content, in milliseconds. */
  readonly openMs: number;
}

// streams launched together: enough to open ten thousand quickly, few enough for the listen backlog
const BATCH = 500;

async function openAndFinish(
  client: BenchClient,
  origin: string,
  count: number,
  expectedText: string,
): Promise<{ openMs: number; open: MemorySample }> {
  const started = performance.now();
  const finished: Promise<string>[] = [];
  for (let offset = 0; offset < count; offset += BATCH) {
    const firsts: Promise<void>[] = [];
    for (let index = offset; index < Math.min(count, offset + BATCH); index++) {
      firsts.push(
        new Promise<void>((resolve, reject) => {
          const stream = client.stream(resolve);
          finished.push(stream);
          // settles `firsts` too when the stream fails or ends before its release
          stream.then(() => reject(new Error('a held stream ended before its release')), reject);
        }),
      );
    }
    await Promise.all(firsts);
  }
  const openMs = performance.now() - started;
  const open = await sampleMemory();
  const { released } = await controlRequest<{ released: number }>(origin, 'POST', CONTROL_RELEASE_PATH);
  if (released !== count) throw new Error(`the upstream held ${released} streams, expected ${count}`);
  for (const text of await Promise.all(finished)) {
    if (text !== expectedText)
      throw new Error(`a held stream ended with ${JSON.stringify(text).slice(0, 100)}`);
  }
  return { openMs, open };
}

/**
 * Opens `streams` streams at once through a client pointed at the fake upstream's `/hold` path
 * (each receives its first content chunk, then waits), measures the client's memory with all of
 * them open, releases them and checks every one finished with the full text. Two warm-up rounds
 * of a tenth as many held streams (at most 200) come first, so code loading is not counted.
 *
 * @param client - Created with `pathPrefix: '/hold'` and enough connections.
 * @param origin - The fake upstream's origin (for the release).
 * @param streams - How many to hold at once.
 * @param expectedText - The full streamed text.
 * @returns Memory before, while open and after, per stream.
 * @throws Error when a stream fails or ends with the wrong text.
 */
export async function measureOpenStreams(
  client: BenchClient,
  origin: string,
  streams: number,
  expectedText: string,
): Promise<OpenStreamsMeasurement> {
  // enough to compile the path; more would leave freed-but-resident pages that hide the growth
  const warmup = Math.max(1, Math.min(200, Math.floor(streams / 10)));
  for (let round = 0; round < 2; round++) await openAndFinish(client, origin, warmup, expectedText);
  const before = await sampleMemory();
  const { openMs, open } = await openAndFinish(client, origin, streams, expectedText);
  const after = await sampleMemory();
  return {
    streams,
    before,
    open,
    after,
    rssPerStream: (open.rss - before.rss) / streams,
    heapPerStream: (open.heapUsed - before.heapUsed) / streams,
    openMs,
  };
}
