import type { RunningGateway } from '@hub/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIProvider, startChaosGateway } from '../chaos-gateway.js';
import { callChat } from '../client/call-chat.js';
import { runPool } from '../client/run-pool.js';
import { tally } from '../client/tally.js';
import type { FaultPlan } from '../upstream/fault-plan.js';
import { createFaultyUpstream, type FaultyUpstream } from '../upstream/faulty-upstream.js';

// A storm of 429s with `retry-after: 1` from one target, under the gateway's default circuit
// breaker. What must hold: a healthy second target answers every call; with no other target every
// call is a 429 carrying `retry-after` (not the breaker's 503, not a 502); and the moment the storm
// ends the target answers again, since a rate limit is not a sick provider (before issue 15's fix
// the 429s opened the breaker and a 1-second limit became a 30-second outage).
const CALLS = 60;
const CONCURRENCY = 20;

const storm: FaultPlan = () => ({ kind: 'fault', fault: 'rate-limited', at: 0 });

let stormy: FaultyUpstream;
let healthy: FaultyUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  stormy = await createFaultyUpstream({ plan: storm, retryAfterSeconds: 1 });
  healthy = await createFaultyUpstream({ plan: () => ({ kind: 'answer' }) });
  gateway = await startChaosGateway({
    providers: [openAIProvider('stormy', stormy.baseUrl), openAIProvider('healthy', healthy.baseUrl)],
    routes: { alone: ['stormy/gpt-4o-mini'], backed: ['stormy/gpt-4o-mini', 'healthy/gpt-4o-mini'] },
  });
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([stormy?.close(), healthy?.close()]);
});

const run = (route: string, label: string, calls = CALLS) =>
  runPool(calls, CONCURRENCY, (index) =>
    callChat(gateway.url, { model: route, prompt: `${label} ${index}`, stream: index % 2 === 0 }),
  );

describe('a 429 storm with retry-after', () => {
  it('is absorbed by a healthy second target: every call answered whole', async () => {
    const all = tally(await run('backed', 'backed'));
    expect(all.broken).toEqual([]);
    expect(all.complete).toBe(CALLS);
    expect(stormy.counts().faults['rate-limited']).toBeGreaterThanOrEqual(CALLS);
  });

  it('reaches clients as 429 with retry-after when no other target can serve', async () => {
    const outcomes = await run('alone', 'alone');
    const all = tally(outcomes);
    expect(all.broken).toEqual([]);
    expect(all.errors).toEqual({ '429 rate_limit': CALLS });
    for (const outcome of outcomes) {
      // the upstream's own wait, in whole seconds
      expect(outcome.kind === 'error-status' && Number(outcome.retryAfter)).toBeGreaterThanOrEqual(1);
    }
  });

  it('leaves no breaker open: once the storm ends, the target answers the very next calls', async () => {
    stormy.setPlan(() => ({ kind: 'answer' }));
    const all = tally(await run('alone', 'after', 20));
    expect(all.broken).toEqual([]);
    expect(all.complete).toBe(20);
  });
});
