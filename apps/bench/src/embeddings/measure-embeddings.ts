import { fakeEmbeddingValue } from '../fake-upstream/build-embeddings-body.js';
import { type LatencySummary, summarizeLatencies } from '../stats/latency-summary.js';
import { median } from '../stats/median.js';
import type { EmbeddingClient } from './embedding-client.js';

/** How much work the embeddings scenario does. */
export interface EmbeddingRunSizes {
  /** Inputs per call. */
  readonly inputs: number;
  /** Dimensions per vector. */
  readonly dimensions: number;
  readonly warmup: number;
  readonly sequential: number;
  readonly rounds: number;
  readonly perRound: number;
  readonly concurrency: number;
  /** Responses held at once to measure the memory one response keeps. */
  readonly held: number;
  readonly phaseCapMs: number;
}

/** What one embeddings client measured. */
export interface EmbeddingsMeasurement {
  /** Sequential calls, milliseconds. */
  readonly latency: LatencySummary;
  /** Median round's CPU per call (user + system, whole process), microseconds. */
  readonly cpuUsPerCall: number;
  /** Heap plus array buffers a response keeps alive, in bytes (after GC). */
  readonly bytesPerResponse: number;
}

const cpuMicros = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

const liveBytes = (): number => {
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
};

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  gc();
}

/**
 * Measures one embeddings client: checks the first answer (count, length and a value), warms
 * up, times sequential calls, then takes CPU per call as the median of rounds at `concurrency`,
 * and the memory one response keeps (heap and array buffers after GC, `held` responses alive).
 *
 * @param client - The client, alone in this process (started with `--expose-gc`).
 * @param sizes - Batch shape, counts and caps.
 * @returns The measurement.
 * @throws Error when the answer is wrong.
 */
export async function measureEmbeddings(
  client: EmbeddingClient,
  sizes: EmbeddingRunSizes,
): Promise<EmbeddingsMeasurement> {
  const inputs = Array.from({ length: sizes.inputs }, (_, index) => `Benchmark input number ${index}.`);
  const call = () => client.embed(inputs, sizes.dimensions);
  const first = await call();
  const sample = first[3]?.[17];
  if (first.length !== sizes.inputs || first[0]?.length !== sizes.dimensions || sample === undefined) {
    throw new Error(`${client.name}: expected ${sizes.inputs} vectors of ${sizes.dimensions}`);
  }
  if (Math.abs(sample - fakeEmbeddingValue(3, 17)) > 1e-6) {
    throw new Error(`${client.name}: unexpected value ${sample}`);
  }

  const atConcurrency = async (total: number): Promise<number> => {
    const deadline = performance.now() + sizes.phaseCapMs;
    let started = 0;
    let completed = 0;
    const worker = async (): Promise<void> => {
      while (started < total && performance.now() < deadline) {
        started++;
        await call();
        completed++;
      }
    };
    await Promise.all(Array.from({ length: sizes.concurrency }, worker));
    return completed;
  };

  await atConcurrency(sizes.warmup);
  const latencies: number[] = [];
  const deadline = performance.now() + sizes.phaseCapMs;
  for (let index = 0; index < sizes.sequential && performance.now() < deadline; index++) {
    const started = performance.now();
    await call();
    latencies.push(performance.now() - started);
  }
  const perCall: number[] = [];
  for (let round = 0; round < sizes.rounds; round++) {
    const cpuStart = cpuMicros();
    const calls = await atConcurrency(sizes.perRound);
    perCall.push((cpuMicros() - cpuStart) / calls);
  }

  collectGarbage();
  const before = liveBytes();
  const held: unknown[] = [];
  for (let index = 0; index < sizes.held; index++) held.push(await call());
  collectGarbage();
  const bytesPerResponse = (liveBytes() - before) / held.length;
  held.length = 0;

  return { latency: summarizeLatencies(latencies), cpuUsPerCall: median(perCall), bytesPerResponse };
}
