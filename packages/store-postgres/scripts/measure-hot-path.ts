// Measures what governance adds to one gateway call: key authentication (cached), a budget
// reservation and its settle, at a fixed concurrency against the PostgreSQL server at DATABASE_URL
// (or PGlite with --pglite). A script, not a test: numbers depend on the machine.
//
//   pnpm --filter @hub/store-postgres measure [--concurrency 64] [--seconds 5] [--keys 1]
//     [--upstream-ms 0] [--pglite]
//
// With --upstream-ms 0 calls run back to back, so the latency is mostly queueing (concurrency /
// throughput): that mode measures capacity. With --upstream-ms N each call waits N ms between its
// reservation and its settle, as a real model call would, and the latency reported is what
// governance adds to a call (authenticate + reserve; settle only buffers).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openGovernanceStore } from '../src/index.js';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '5' },
    keys: { type: 'string', default: '1' },
    'upstream-ms': { type: 'string', default: '0' },
    pglite: { type: 'boolean', default: false },
  },
});
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const keyCount = Number(values.keys);
const upstreamMs = Number(values['upstream-ms']);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `hub_measure_${randomBytes(4).toString('hex')}`;

const store = await openGovernanceStore(
  values.pglite
    ? { dataDir: 'memory://', schema, sweepIntervalMs: 0 }
    : {
        url,
        schema,
        sweepIntervalMs: 0,
        poolSize: 10,
        ...(process.env.NOFLUSH && {
          flushIntervalMs: 600_000,
          flushBatchSize: 10_000,
          maxBufferedEntries: 10_000_000,
        }),
      },
);

// budgets large enough never to refuse: every call pays for a real reservation on key AND team
const team = await store.createTeam({ name: 'measure', budget: 1e9 });
const keys = await Promise.all(
  Array.from({ length: keyCount }, (_, index) =>
    store.createKey({ name: `k${index}`, teamId: team.id, budget: 1e9 }),
  ),
);

/** One call; resolves with the ms governance took (everything but the simulated upstream). */
async function oneCall(secret: string): Promise<number> {
  const started = performance.now();
  const auth = await store.authenticate(secret);
  if (auth.status !== 'ok') throw new Error(`authentication failed: ${auth.status}`);
  const result = await store.reserve(auth, { estimatedCost: 0.002, model: 'mock/mock-1' });
  if (!result.admitted) throw new Error(`refused: ${result.reason}`);
  const admitted = performance.now();
  if (upstreamMs > 0) await new Promise((resolve) => setTimeout(resolve, upstreamMs));
  const settling = performance.now();
  store.settle(result.reservation, {
    cost: 0.001,
    status: 'success',
    model: 'mock/mock-1',
    operation: 'complete',
    route: '/v1/chat/completions',
    provider: 'mock',
    inputTokens: 100,
    outputTokens: 20,
    latencyMs: 1,
  });
  return admitted - started + (performance.now() - settling);
}

async function run(durationMs: number, samples: number[] | undefined): Promise<number> {
  const end = performance.now() + durationMs;
  let calls = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const secret = keys[worker % keys.length]?.key as string;
      while (performance.now() < end) {
        const took = await oneCall(secret);
        samples?.push(took);
        calls++;
      }
    }),
  );
  return calls;
}

await run(1000, undefined);
await store.flush();
const before = store.stats();
const samples: number[] = [];
const started = performance.now();
const calls = await run(seconds * 1000, samples);
const flushStarted = performance.now();
await store.flush();
const flushTail = performance.now() - flushStarted;
const elapsed = (performance.now() - started) / 1000;
const after = store.stats();
samples.sort((a, b) => a - b);
const quantile = (q: number): string =>
  (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0).toFixed(3);
const statements = after.reserveStatements - before.reserveStatements;
const reservations = after.reservations - before.reservations;

console.log(
  JSON.stringify(
    {
      database: values.pglite ? 'pglite (memory)' : 'postgresql',
      concurrency,
      keys: keyCount,
      upstreamMs,
      calls,
      callsPerSecond: Math.round(calls / elapsed),
      governanceMsPerCall: { p50: quantile(0.5), p90: quantile(0.9), p99: quantile(0.99), max: quantile(1) },
      reservationsPerStatement: statements === 0 ? 0 : Number((reservations / statements).toFixed(1)),
      ledgerRowsWritten: after.flushedEntries - before.flushedEntries,
      finalFlushMs: Number(flushTail.toFixed(1)),
      keyCacheHits: after.keyCacheHits - before.keyCacheHits,
      keyCacheMisses: after.keyCacheMisses - before.keyCacheMisses,
    },
    null,
    2,
  ),
);

await store.close();
if (!values.pglite) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  await client.end();
}
