import { Pool } from 'undici';
import { DEFAULT_PROMPT } from '../clients/bench-client.js';
import { type LatencySummary, summarizeLatencies } from '../stats/latency-summary.js';
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
}

interface Answer {
  readonly choices?: readonly { readonly message?: { readonly content?: string } }[];
}

/**
 * Loads an endpoint with non-streamed chat completions from a raw undici pool (the cheapest
 * client there is, so the figures are the endpoint's): warm-up, sequential calls, then calls at
 * concurrency 64, each phase stopping early at `phaseCapMs`. Every answer must be HTTP 200; the
 * first is checked for the expected text.
 *
 * @param target - Where to send and with which headers.
 * @param sizes - Warm-up, sequential and concurrent request counts, and the time cap per phase.
 * @param expectedText - The answer's text.
 * @returns Latencies (ms) and throughput.
 * @throws Error on a non-200 answer or a wrong text.
 */
export async function measureGatewayLoad(
  target: GatewayTarget,
  sizes: GatewayRunSizes,
  expectedText: string,
): Promise<GatewayLoadMeasurement> {
  const pool = new Pool(target.origin, { connections: GATEWAY_CONCURRENCY * 2 });
  const headers = { ...target.headers, 'content-type': 'application/json' };
  const body = JSON.stringify({ model: target.model, messages: [{ role: 'user', content: DEFAULT_PROMPT }] });
  const call = async (): Promise<string> => {
    const response = await pool.request({ path: target.path, method: 'POST', headers, body });
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      throw new Error(`${target.name}: HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
    }
    return text;
  };
  const timed = async (latencies: number[]): Promise<void> => {
    const started = performance.now();
    await call();
    latencies.push(performance.now() - started);
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
    const first = JSON.parse(await call()) as Answer;
    const text = first.choices?.[0]?.message?.content;
    if (text !== expectedText) throw new Error(`${target.name}: unexpected answer ${JSON.stringify(text)}`);
    await atConcurrency(sizes.warmup, undefined);
    const sequential: number[] = [];
    const sequentialDeadline = performance.now() + sizes.phaseCapMs;
    for (let index = 0; index < sizes.sequential && performance.now() < sequentialDeadline; index++) {
      await timed(sequential);
    }
    const concurrent: number[] = [];
    const started = performance.now();
    await atConcurrency(sizes.concurrent, concurrent);
    const wallMs = performance.now() - started;
    return {
      sequential: summarizeLatencies(sequential),
      concurrent: summarizeLatencies(concurrent),
      requestsPerSecond: (concurrent.length * 1000) / wallMs,
    };
  } finally {
    await pool.close();
  }
}
