import type { RunningGateway } from '@hub/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIProvider, startChaosGateway } from '../chaos-gateway.js';
import { callChat } from '../client/call-chat.js';
import { scrapeMetrics } from '../client/metrics-series.js';
import { runPool } from '../client/run-pool.js';
import { tally } from '../client/tally.js';
import { createFaultyUpstream, type FaultyUpstream } from '../upstream/faulty-upstream.js';

// 2,000 distinct model ids, as a client may invent them: the upstream answers half and rejects
// the other half with 404 model_not_found. What must hold: every call gets its answer or its
// typed 404, /metrics stays bounded — its label values come from a bounded set, so its series
// stop growing however many ids clients send (before issue 15's fix: about 25 series per id,
// 50,000 here) — and the gateway still answers afterwards.
const MODEL_IDS = 2_000;
// the last ids of the flood, sent after a first scrape: by then every label is at its bound
const LAST_IDS = 200;
const CONCURRENCY = 16;
// a scrape of a gateway with every label at its bound is about 0.6 MB; unbounded, 10,000 ids
// made 30.7 MB
const MAX_SCRAPE_BYTES = 2 * 1024 * 1024;

let upstream: FaultyUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await createFaultyUpstream({
    plan: ({ model }) =>
      Number(model.split('-').at(-1)) % 2 === 1 ? { kind: 'model-not-found' } : { kind: 'answer' },
  });
  gateway = await startChaosGateway({ providers: [openAIProvider('up', upstream.baseUrl)] });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const flood = (from: number, to: number) =>
  runPool(to - from, CONCURRENCY, (offset) =>
    callChat(gateway.url, {
      model: `up/flood-model-${from + offset}`,
      prompt: `flood ${from + offset}`,
      stream: false,
    }),
  );

describe('2,000 distinct model ids', () => {
  it('answers each, and /metrics stops growing at its label bound', async () => {
    const first = tally(await flood(0, MODEL_IDS - LAST_IDS));
    const before = await scrapeMetrics(gateway.url);
    const last = tally(await flood(MODEL_IDS - LAST_IDS, MODEL_IDS));
    const after = await scrapeMetrics(gateway.url);

    // no call lost: every id got its answer or its typed 404
    for (const part of [first, last]) expect(part.broken).toEqual([]);
    expect(first.complete + last.complete).toBe(MODEL_IDS / 2);
    expect({ ...last.errors }).toEqual({ '404 not_found': LAST_IDS / 2 });
    expect(upstream.counts().calls).toBe(MODEL_IDS);

    // the model label keeps at most its bound of values, then says "other"
    const models = after.labelValues('model');
    expect(models.size).toBeLessThanOrEqual(201);
    expect(models.has('other')).toBe(true);
    // 200 more new ids add no series (unbounded, each new id added series of its own: issue 15
    // measured about 25 per id); the slack is for the process gauges, whose label sets vary
    // between scrapes
    expect(after.series - before.series).toBeLessThanOrEqual(20);
    expect(after.bytes).toBeLessThan(MAX_SCRAPE_BYTES);
  });

  it('stays responsive after the flood', async () => {
    const health = await fetch(`${gateway.url}/health`, { signal: AbortSignal.timeout(60_000) });
    expect(health.status).toBe(200);
    expect(await callChat(gateway.url, { model: 'up/flood-model-0', prompt: 'after', stream: true })).toEqual(
      {
        kind: 'complete',
      },
    );
  });
});
