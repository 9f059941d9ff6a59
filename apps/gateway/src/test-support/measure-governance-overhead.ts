import { setTimeout as sleep } from 'node:timers/promises';
import { type CompletionRequest, type CompletionResponse, createHub } from '@hub/core';
import { memoryRateLimiter } from '@hub/middleware-rate-limit';
import { mockPlugin } from '@hub/provider-mock';
import { type GovernanceStore, openGovernanceStore } from '@hub/store-postgres';
import { admitDatabaseCall } from '../governance/admit-call.js';
import type { Governance } from '../governance/governance.js';
import { createGovernanceCounters } from '../governance/governance-counters.js';
import { createPriceBook } from '../governance/price-book.js';
import { allowsModel, findVirtualKey, hashKey, type VirtualKey } from '../security/virtual-keys.js';
import { DATABASE_URL, dropSchema, uniqueSchema } from './test-database.js';

/** Options of `measureGovernanceOverhead`. */
export interface GovernanceOverheadOptions {
  /** `postgres` (the server at `url`, default `DATABASE_URL`) or `pglite` (in memory). Default `postgres`. */
  readonly backend?: 'postgres' | 'pglite';
  readonly url?: string;
  /** Calls in flight at once. Default 64. */
  readonly concurrency?: number;
  /** Measured calls. Default 20,000. */
  readonly calls?: number;
  /** Calls run first and not measured (caches, JIT, pool). Default 2,000. */
  readonly warmupCalls?: number;
  /** Simulated upstream time of each call, in ms; 0 runs calls back to back (capacity). Default 20. */
  readonly upstreamMs?: number;
}

/** Latency percentiles in milliseconds. */
export interface LatencySummary {
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

/** What `measureGovernanceOverhead` measured. */
export interface GovernanceOverheadResult {
  readonly backend: 'postgres' | 'pglite';
  readonly concurrency: number;
  readonly calls: number;
  readonly upstreamMs: number;
  /** Per call: key authentication plus model check, estimate and budget reservation (a database key). */
  readonly admission: LatencySummary;
  /** Per call: settling (buffering the ledger row), which runs after the upstream answered. */
  readonly settle: LatencySummary;
  /** The same step for a config-file key (no database): what the gateway did before governance. */
  readonly baseline: LatencySummary;
  /** Measured calls per second, admission to settle, upstream included. */
  readonly callsPerSecond: number;
}

const REQUEST: CompletionRequest = {
  model: 'mock/mock-1',
  maxTokens: 256,
  messages: [{ role: 'user', content: 'Summarize the attached notes in three bullet points.' }],
};

const RESPONSE: CompletionResponse = {
  id: 'measured',
  provider: 'mock',
  model: 'mock-1',
  text: 'ok',
  content: [{ type: 'text', text: 'ok' }],
  finishReason: 'stop',
  usage: { inputTokens: 20, outputTokens: 60, totalTokens: 80 },
  cost: { inputUsd: 0.00001, outputUsd: 0.00009, totalUsd: 0.0001 },
};

/**
 * Measures what governance adds to each call on the gateway's own code path: `authenticate` of a
 * database key (cached after its first call, as in steady traffic) and `admitDatabaseCall` (model
 * lists, catalog estimate, a reservation held against the key's and the team's budgets in one
 * batched statement), at `concurrency` calls in flight, each followed by `upstreamMs` of
 * simulated upstream time and its settlement (the ledger written in the background). The key and
 * its team both have budgets large enough never to refuse, so every call reserves for real.
 *
 * Reusable from `apps/bench`; `pnpm --filter @hub/gateway measure:governance` prints it. On the
 * server it works in a fresh schema, dropped at the end.
 */
export async function measureGovernanceOverhead(
  options: GovernanceOverheadOptions = {},
): Promise<GovernanceOverheadResult> {
  const backend = options.backend ?? 'postgres';
  const concurrency = options.concurrency ?? 64;
  const calls = options.calls ?? 20_000;
  const warmupCalls = options.warmupCalls ?? 2_000;
  const upstreamMs = options.upstreamMs ?? 20;
  const schema = uniqueSchema('measure');
  const store: GovernanceStore = await openGovernanceStore({
    ...(backend === 'postgres' ? { url: options.url ?? DATABASE_URL, schema } : { dataDir: 'memory://' }),
    sweepIntervalMs: 0,
  });
  const hub = createHub({ plugins: [mockPlugin({ maxRecordedCalls: 0 })] });
  try {
    const team = await store.createTeam({ name: 'measured', budget: 1e9, budgetPeriod: 'monthly' });
    const created = await store.createKey({ name: 'measured', teamId: team.id, budget: 1e9 });
    const governance: Governance = {
      store,
      prices: createPriceBook(hub),
      counters: createGovernanceCounters(),
      adminKeyDigest: undefined,
      now: Date.now,
    };
    const limiter = memoryRateLimiter();
    const configKey = 'measured-config-key-0123456789';
    const configKeys: VirtualKey[] = [
      {
        name: 'measured',
        hash: Buffer.from(hashKey(configKey).slice('sha256:'.length), 'hex'),
        models: ['mock/*'],
        requestsPerMinute: undefined,
      },
    ];

    const admission: number[] = [];
    const settle: number[] = [];
    const baseline: number[] = [];
    const one = async (record: boolean): Promise<void> => {
      const base = performance.now();
      const key = findVirtualKey(configKeys, configKey);
      if (key === undefined || !allowsModel(key, REQUEST.model)) throw new Error('config key refused');
      const started = performance.now();
      const authenticated = await store.authenticate(created.key);
      if (authenticated.status !== 'ok') throw new Error(`key refused: ${authenticated.status}`);
      const admitted = await admitDatabaseCall(
        authenticated,
        {
          route: '/v1/chat/completions',
          operation: 'complete',
          request: REQUEST,
          requestId: 'measured',
          signal: new AbortController().signal,
        },
        { governance, limiter },
      );
      const reserved = performance.now();
      if (upstreamMs > 0) await sleep(upstreamMs);
      const settling = performance.now();
      await admitted.trackCompletion(Promise.resolve(RESPONSE));
      if (record) {
        baseline.push(started - base);
        admission.push(reserved - started);
        settle.push(performance.now() - settling);
      }
    };
    const run = async (count: number, record: boolean): Promise<number> => {
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < count) {
            next++;
            await one(record);
          }
        }),
      );
      return performance.now() - started;
    };
    await run(warmupCalls, false);
    const elapsedMs = await run(calls, true);
    await store.flush();
    await limiter.close();
    return {
      backend,
      concurrency,
      calls,
      upstreamMs,
      admission: summarize(admission),
      settle: summarize(settle),
      baseline: summarize(baseline),
      callsPerSecond: (calls / elapsedMs) * 1000,
    };
  } finally {
    await hub.close();
    await store.close();
    if (backend === 'postgres') await dropSchema(schema);
  }
}

function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? Number.NaN;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), meanMs: mean };
}
