import { type BenchClient, DEFAULT_PROMPT } from '../clients/bench-client.js';
import { controlRequest } from '../fake-upstream/control-request.js';
import { CONTROL_COUNTS_PATH, type FakeUpstreamCounts } from '../fake-upstream/create-fake-upstream.js';
import { summarizeLatencies } from '../stats/latency-summary.js';
import { median } from '../stats/median.js';
import type { ClientMeasurement, ConcurrentRound } from './client-measurement.js';
import type { ClientRunSizes } from './run-sizes.js';

/** What the client must answer, checked on the first call so a broken client is never timed. */
export interface ExpectedAnswer {
  readonly completion: string;
  readonly stream: string;
}

const upstreamCounts = (origin: string): Promise<FakeUpstreamCounts> =>
  controlRequest<FakeUpstreamCounts>(origin, 'GET', CONTROL_COUNTS_PATH);

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function runConcurrently(
  call: (worker: number) => Promise<unknown>,
  total: number,
  concurrency: number,
  capMs: number,
): Promise<number> {
  const deadline = performance.now() + capMs;
  let started = 0;
  let completed = 0;
  const worker = async (index: number): Promise<void> => {
    while (started < total && performance.now() < deadline) {
      started++;
      await call(index);
      completed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, (_, index) => worker(index)));
  return completed;
}

/**
 * Measures one client in one mode: warm-up (not measured: JIT, connections, the one-time
 * TypeScript transpile), then sequential calls for latency (and time to first chunk), then
 * `rounds` rounds at `concurrency` for CPU per request (`process.cpuUsage`, user + system, whole
 * process) and throughput. The first call's answer is checked against `expected`.
 *
 * @param client - The client under test, alone in this process.
 * @param mode - `complete` or `stream`.
 * @param sizes - Counts and caps.
 * @param expected - The texts the fake upstream sends.
 * @param origin - The upstream, asked how many requests reached it.
 * @param promptPerWorker - Give each concurrent worker a prompt of its own. Cache scenarios need
 *   it: the cache's single flight lets identical requests in flight at once share one lookup,
 *   which would hide the per-request cost of a hit.
 * @returns The measurement.
 * @throws Error when the client's answer is wrong.
 */
export async function measureClient(
  client: BenchClient,
  mode: 'complete' | 'stream',
  sizes: ClientRunSizes,
  expected: ExpectedAnswer,
  origin: string,
  promptPerWorker = false,
): Promise<ClientMeasurement> {
  const noop = (): void => {};
  const call =
    mode === 'stream'
      ? () => client.stream(noop)
      : promptPerWorker
        ? (worker: number) => client.complete(`${DEFAULT_PROMPT} (worker ${worker})`)
        : () => client.complete();
  const answer = await call(0);
  const want = mode === 'complete' ? expected.completion : expected.stream;
  if (answer !== want) {
    throw new Error(`${client.name} ${mode}: unexpected answer ${JSON.stringify(answer).slice(0, 200)}`);
  }

  await runConcurrently(call, sizes.warmup, sizes.concurrency, sizes.phaseCapMs * 2);
  const countsBefore = await upstreamCounts(origin);

  // no forced gc() before measuring: it deoptimizes warm code (V8 drops weak code objects) and the
  // re-compilation would be billed to the client; GC the client causes on its own is counted
  const latencies: number[] = [];
  const firstChunks: number[] = [];
  const sequentialDeadline = performance.now() + sizes.phaseCapMs;
  const sequentialCpuStart = cpuMicros();
  if (mode === 'complete') {
    for (let index = 0; index < sizes.sequential && performance.now() < sequentialDeadline; index++) {
      const started = performance.now();
      await call(0);
      latencies.push(performance.now() - started);
    }
  } else {
    for (let index = 0; index < sizes.sequential && performance.now() < sequentialDeadline; index++) {
      const started = performance.now();
      let first = 0;
      await client.stream(() => {
        first = performance.now();
      });
      const ended = performance.now();
      latencies.push(ended - started);
      firstChunks.push(first - started);
    }
  }
  const sequentialCpuUsPerRequest = (cpuMicros() - sequentialCpuStart) / latencies.length;

  const rounds: ConcurrentRound[] = [];
  for (let round = 0; round < sizes.rounds; round++) {
    const cpuStart = cpuMicros();
    const started = performance.now();
    const requests = await runConcurrently(call, sizes.perRound, sizes.concurrency, sizes.phaseCapMs);
    const wallMs = performance.now() - started;
    const cpu = cpuMicros() - cpuStart;
    rounds.push({
      requests,
      wallMs,
      cpuUsPerRequest: cpu / requests,
      requestsPerSecond: (requests * 1000) / wallMs,
    });
  }
  const countsAfter = await upstreamCounts(origin);

  return {
    latency: summarizeLatencies(latencies),
    firstChunk: mode === 'stream' ? summarizeLatencies(firstChunks) : undefined,
    sequentialCpuUsPerRequest,
    rounds,
    cpuUsPerRequest: median(rounds.map((round) => round.cpuUsPerRequest)),
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    upstreamRequests:
      countsAfter.completions + countsAfter.streams - countsBefore.completions - countsBefore.streams,
  };
}
