import { Pool } from 'undici';
import { readProcessCpuMs } from '../process/read-process-cpu-ms.js';
import { type LatencySummary, summarizeLatencies } from '../stats/latency-summary.js';
import { checkGatewayAnswer, gatewayRequest } from './gateway-endpoint.js';
import type { GatewayTarget } from './gateway-target.js';
import type { GatewayRunSizes } from './run-sizes.js';

/** Concurrency of the loaded phase, as in the gateway targets (p99 at c=64). */
export const GATEWAY_CONCURRENCY = 64;

/** Latency and throughput of one OpenAI-compatible endpoint. */
export interface GatewayLoadMeasurement {
  /** One request at a time. */
  readonly sequential: LatencySummary;
  /** At `GATEWAY_CONCURRENCY` requests in flight. */
  readonly concurrent: LatencySummary;
  readonly requestsPerSecond: number;
  /** Streams only: time to the first body bytes of sequential calls. */
  readonly firstChunk: LatencySummary | undefined;
  /** CPU of the serving process per request during the concurrent phase, in microseconds (Linux). */
  readonly serverCpuUsPerRequest: number | undefined;
}

/**
 * Loads an endpoint from a raw undici pool (the cheapest client there is, so the figures are the
 * endpoint's): warm-up, sequential calls (time to the first body bytes too, for streams), then
 * calls at concurrency 64 — with the serving process's CPU read from `/proc` around them — each
 * phase stopping early at `phaseCapMs`. Every answer must be HTTP 200; the first is checked.
 *
 * @param target - Where to send, what, and with which headers.
 * @param sizes - Warm-up, sequential and concurrent request counts, and the time cap per phase.
 * @param expected - The texts the fake upstream sends.
 * @returns Latencies (ms), throughput and server CPU.
 * @throws Error on a non-200 answer or a wrong answer.
 */
export async function measureGatewayLoad(
  target: GatewayTarget,
  sizes: GatewayRunSizes,
  expected: { readonly completion: string; readonly stream: string },
): Promise<GatewayLoadMeasurement> {
  const pool = new Pool(target.origin, { connections: GATEWAY_CONCURRENCY * 2 });
  const headers = { ...target.headers, 'content-type': 'application/json' };
  const { path, body } = gatewayRequest(target.endpoint, target.model);
  const streamed = target.endpoint === 'chat-stream';
  let firstBytesAt = 0;
  const call = async (): Promise<string> => {
    const response = await pool.request({ path, method: 'POST', headers, body });
    let text = '';
    let first = true;
    for await (const piece of response.body) {
      if (first) {
        first = false;
        firstBytesAt = performance.now();
      }
      text += (piece as Buffer).toString('utf8');
    }
    if (response.statusCode !== 200) {
      throw new Error(`${target.name} ${path}: HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
    }
    return text;
  };
  const firstChunks: number[] = [];
  const timed = async (latencies: number[], firsts?: number[]): Promise<void> => {
    const started = performance.now();
    await call();
    const ended = performance.now();
    latencies.push(ended - started);
    firsts?.push(firstBytesAt - started);
  };
  const atConcurrency = async (total: number, latencies: number[] | undefined): Promise<void> => {
    const deadline = performance.now() + sizes.phaseCapMs;
    let started = 0;
    const worker = async (): Promise<void> => {
      while (started < total && performance.now() < deadline) {
        started++;
        if (latencies === undefined) await call();
        else await timed(latencies);
      }
    };
    await Promise.all(Array.from({ length: GATEWAY_CONCURRENCY }, worker));
  };

  try {
    const wrong = checkGatewayAnswer(target.endpoint, await call(), expected);
    if (wrong !== undefined) throw new Error(`${target.name} ${path}: unexpected ${wrong}`);
    await atConcurrency(sizes.warmup, undefined);
    const sequential: number[] = [];
    const sequentialDeadline = performance.now() + sizes.phaseCapMs;
    for (let index = 0; index < sizes.sequential && performance.now() < sequentialDeadline; index++) {
      await timed(sequential, streamed ? firstChunks : undefined);
    }
    const concurrent: number[] = [];
    const cpuBefore = target.serverPid === undefined ? undefined : await readProcessCpuMs(target.serverPid);
    const started = performance.now();
    await atConcurrency(sizes.concurrent, concurrent);
    const wallMs = performance.now() - started;
    const cpuAfter = target.serverPid === undefined ? undefined : await readProcessCpuMs(target.serverPid);
    return {
      sequential: summarizeLatencies(sequential),
      concurrent: summarizeLatencies(concurrent),
      requestsPerSecond: (concurrent.length * 1000) / wallMs,
      firstChunk: streamed ? summarizeLatencies(firstChunks) : undefined,
      serverCpuUsPerRequest:
        cpuBefore === undefined || cpuAfter === undefined
          ? undefined
          : ((cpuAfter - cpuBefore) * 1000) / concurrent.length,
    };
  } finally {
    await pool.close();
  }
}
