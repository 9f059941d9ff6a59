import { setTimeout as delay } from 'node:timers/promises';
import type { RunningGateway } from '@hub/gateway';
import { type PrivateRedis, privateRedis } from '@hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIProvider, startChaosGateway } from '../chaos-gateway.js';
import { callChat } from '../client/call-chat.js';
import { scrapeMetrics } from '../client/metrics-series.js';
import { runPool } from '../client/run-pool.js';
import { type Tally, tally } from '../client/tally.js';
import { createFaultyUpstream, type FaultyUpstream } from '../upstream/faulty-upstream.js';

// Two gateway replicas share a limit of LIMIT calls in Redis — a redis-server of this file's own
// on a free port, never the machine's — which is killed mid-burst and started again on the same
// port. What must hold: no call lost (each is answered, or refused with a typed 429); with
// `limitsFailMode: closed` nothing is admitted past the limit, before, during or after the
// outage; with `open` every call admitted without Redis is counted in
// `llm_hub_redis_fail_open_admissions_total`. A restarted server is empty (no persistence), so
// the limit starts again from full: the bound is LIMIT per Redis lifetime.
const LIMIT = 30;
// a day-long window refills one call every 48 minutes: nothing refills during the run
const WINDOW_MS = 86_400_000;
const CALLS = 100;
const CONCURRENCY = 10;

let redis: PrivateRedis;
let upstream: FaultyUpstream;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  redis = await privateRedis();
  await redis.start();
  upstream = await createFaultyUpstream({ plan: () => ({ kind: 'answer' }) });
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await upstream?.close();
  await redis?.stop();
});

/** Two replicas limited together through the private Redis, with their own provider id. */
async function replicas(providerId: string, limitsFailMode: 'open' | 'closed'): Promise<RunningGateway[]> {
  const started: RunningGateway[] = [];
  for (let replica = 0; replica < 2; replica++) {
    const gateway = await startChaosGateway({
      providers: [openAIProvider(providerId, upstream.baseUrl)],
      rateLimit: {
        limits: [{ scope: 'provider', requestsPerWindow: LIMIT, windowMs: WINDOW_MS }],
        onLimited: 'reject',
      },
      redis: { url: redis.url, limitsFailMode },
    });
    gateways.push(gateway);
    started.push(gateway);
  }
  return started;
}

/** CALLS calls spread over the replicas; `during(index)` runs before call `index` starts. */
async function burst(
  pair: readonly RunningGateway[],
  model: string,
  label: string,
  during?: (index: number) => Promise<void>,
): Promise<Tally> {
  const outcomes = await runPool(CALLS, CONCURRENCY, async (index) => {
    await during?.(index);
    const gateway = pair[index % pair.length] as RunningGateway;
    return callChat(gateway.url, { model, prompt: `${label} ${index}`, stream: index % 3 === 0 });
  });
  return tally(outcomes);
}

/** Sum over the replicas of the rate limiter's sample `name`. */
async function sumOf(pair: readonly RunningGateway[], name: string): Promise<number> {
  let sum = 0;
  for (const gateway of pair)
    sum += (await scrapeMetrics(gateway.url)).value(`llm_hub_${name}`, 'component="rate_limit"') ?? 0;
  return sum;
}

/**
 * Waits until every replica's limiter reports `up` (1) or `down` (0) on /metrics. The limiters
 * notice and reconnect by themselves, with back-off: an outcome bounds the wait, not a time (the
 * attempts are a hang guard).
 */
async function untilRedis(pair: readonly RunningGateway[], up: 0 | 1): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const states = await Promise.all(
      pair.map(async (gateway) =>
        (await scrapeMetrics(gateway.url)).value('llm_hub_redis_up', 'component="rate_limit"'),
      ),
    );
    if (states.every((state) => state === up)) return;
    await delay(100);
  }
  throw new Error(`the limiters never reported redis_up ${up}`);
}

/** Every call answered in full or refused with a typed 429, none lost. */
function expectNoCallLost(part: Tally): void {
  expect(part.broken).toEqual([]);
  expect(part.complete + (part.errors['429 rate_limit'] ?? 0)).toBe(CALLS);
}

describe('a private redis-server killed and restarted mid-run', () => {
  it('limitsFailMode closed: never admits past the limit, before, during or after the outage', async () => {
    const pair = await replicas('closed-up', 'closed');
    const model = 'closed-up/gpt-4o-mini';
    const upstreamBefore = upstream.counts().calls;

    const before = await burst(pair, model, 'closed before');
    expectNoCallLost(before);
    expect(before.complete).toBeLessThanOrEqual(LIMIT);
    expect(before.complete).toBeGreaterThan(0);

    // killed while the burst is in flight: calls already inside, and every one after, still end
    const during = await burst(pair, model, 'closed during', async (index) => {
      if (index === CALLS / 5) await redis.stop();
    });
    expectNoCallLost(during);
    // the limit was spent before the outage, and a closed limit admits nothing without Redis
    expect(during.complete).toBe(0);
    expect(await sumOf(pair, 'redis_unavailable_refusals_total')).toBeGreaterThan(0);

    await redis.start();
    await untilRedis(pair, 1);
    const after = await burst(pair, model, 'closed after');
    expectNoCallLost(after);
    // the restarted server is empty: one more LIMIT, never more
    expect(after.complete).toBeLessThanOrEqual(LIMIT);
    expect(after.complete).toBeGreaterThan(0);
    // every admitted call, and only those, reached the upstream
    expect(upstream.counts().calls - upstreamBefore).toBe(before.complete + after.complete);
  });

  it('limitsFailMode open: every call admitted without Redis is counted in a metric', async () => {
    if (!redis.running) await redis.start();
    const pair = await replicas('open-up', 'open');
    const model = 'open-up/gpt-4o-mini';
    await untilRedis(pair, 1);

    const before = await burst(pair, model, 'open before');
    expectNoCallLost(before);
    expect(before.complete).toBeLessThanOrEqual(LIMIT);

    await redis.stop();
    await untilRedis(pair, 0);
    const admittedBefore = await sumOf(pair, 'redis_fail_open_admissions_total');
    const during = await burst(pair, model, 'open during');
    expectNoCallLost(during);
    // availability wins while Redis is away, and each such admission is on the record
    expect(during.complete).toBeGreaterThan(0);
    expect((await sumOf(pair, 'redis_fail_open_admissions_total')) - admittedBefore).toBe(during.complete);
  });
});
