import type { RunningGateway } from '@hub/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIProvider, startChaosGateway } from '../chaos-gateway.js';
import { callChat } from '../client/call-chat.js';
import { runPool } from '../client/run-pool.js';
import { tally } from '../client/tally.js';
import { randomFaults } from '../upstream/fault-plan.js';
import { createFaultyUpstream, type FaultyUpstream } from '../upstream/faulty-upstream.js';

// 30 % of upstream calls fail, each with one of every fault kind (500, 503, 429, reset,
// malformed JSON, cut body or stream, stream ended before [DONE]), drawn from a fixed seed: the
// fault each attempt of each call meets replays exactly. Half the calls stream.
const SEED = 15;
const FAULT_RATE = 0.3;
const CALLS = 300;
const CONCURRENCY = 12;

let healthy: FaultyUpstream;
let faultyA: FaultyUpstream;
let faultyB: FaultyUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  healthy = await createFaultyUpstream({ plan: () => ({ kind: 'answer' }) });
  faultyA = await createFaultyUpstream({ plan: randomFaults({ seed: SEED, rate: FAULT_RATE }) });
  faultyB = await createFaultyUpstream({ plan: randomFaults({ seed: SEED + 1, rate: FAULT_RATE }) });
  gateway = await startChaosGateway({
    providers: [
      openAIProvider('faulty-a', faultyA.baseUrl),
      openAIProvider('faulty-b', faultyB.baseUrl),
      openAIProvider('healthy', healthy.baseUrl),
    ],
    routes: {
      'one-faulty': ['faulty-a/gpt-4o-mini', 'healthy/gpt-4o-mini'],
      'both-faulty': ['faulty-a/gpt-4o-mini', 'faulty-b/gpt-4o-mini'],
    },
  });
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([healthy?.close(), faultyA?.close(), faultyB?.close()]);
});

const run = (route: string) =>
  runPool(CALLS, CONCURRENCY, (index) =>
    callChat(gateway.url, { model: route, prompt: `${route} call ${index}`, stream: index % 2 === 0 }),
  );

describe('30 % mixed faults', () => {
  it('on one of two targets: no call lost, every plain call answered in full, no stream cut silently', async () => {
    const outcomes = await run('one-faulty');
    const all = tally(outcomes);
    const plain = tally(outcomes.filter((_, index) => index % 2 === 1));
    // the faults really happened, at about the rate asked for
    const faults = Object.values(faultyA.counts().faults).reduce((sum, count) => sum + count, 0);
    expect(faults).toBeGreaterThan(CALLS * FAULT_RATE * 0.7);

    expect(all.broken).toEqual([]);
    // a plain call that failed on one target is served by the other: every one answered whole
    expect(plain.complete).toBe(CALLS / 2);
    // a stream can only fail once content reached the client, and then it says so in a frame
    expect(all.errorStatus).toBe(0);
    expect(all.complete + all.errorFrame).toBe(CALLS);
    // the breaker never shut the faulty target off: 30 % is below its failure-rate threshold
    expect(Object.keys(all.errors).filter((key) => key.includes('circuit_open'))).toEqual([]);
  });

  it('on both targets: no call lost, almost every call answered, errors typed, breakers closed', async () => {
    const all = tally(await run('both-faulty'));
    expect(all.broken).toEqual([]);
    expect(all.complete + all.errorStatus + all.errorFrame).toBe(CALLS);
    // a call fails when every attempt on both targets failed, or when a stream broke after its
    // content reached the client (about a tenth of the streamed calls): about 88 to 92 % are
    // answered, depending on how many retries the pace-dependent retry budget allows; before the
    // fix of issue 15 the default breaker turned this into 0 answers
    expect(all.complete).toBeGreaterThanOrEqual(CALLS * 0.8);
    expect(Object.keys(all.errors).filter((key) => key.includes('circuit_open'))).toEqual([]);
  });
});
