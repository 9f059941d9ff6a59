import { afterAll, describe, expect, it } from 'vitest';
import { runPool } from '../client/run-pool.js';
import { randomFaults } from './fault-plan.js';
import { createFaultyUpstream, type FaultyUpstream } from './faulty-upstream.js';
import { answerText } from './openai-chat-wire.js';

const upstreams: FaultyUpstream[] = [];
afterAll(async () => {
  await Promise.all(upstreams.map((upstream) => upstream.close()));
});

async function started(seed: number): Promise<FaultyUpstream> {
  const upstream = await createFaultyUpstream({ plan: randomFaults({ seed, rate: 0.3 }) });
  upstreams.push(upstream);
  return upstream;
}

/** Calls the upstream directly; resolves to the status, or `-1` when the connection failed. */
async function call(upstream: FaultyUpstream, prompt: string, stream: boolean): Promise<number> {
  try {
    const response = await fetch(`${upstream.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: prompt }] }),
    });
    await response.text();
    return response.status;
  } catch {
    return -1;
  }
}

describe('createFaultyUpstream with randomFaults', () => {
  it('replays the same faults for the same seed, whatever the order of the calls', async () => {
    const [first, second] = [await started(3), await started(3)] as const;
    await runPool(200, 8, (index) => call(first, `call ${index}`, index % 2 === 0));
    // the same calls in reverse order, more at once
    await runPool(200, 20, (index) => call(second, `call ${199 - index}`, (199 - index) % 2 === 0));
    expect(second.counts()).toEqual(first.counts());
    const failed = Object.values(first.counts().faults).reduce((sum, count) => sum + count, 0);
    expect(failed + first.counts().answered).toBe(200);
    // every kind of fault appears in 200 calls at 30 %
    expect(Object.values(first.counts().faults).every((count) => count > 0)).toBe(true);
  });

  it('answers in OpenAI’s wire format when the plan says so', async () => {
    const upstream = await createFaultyUpstream({ plan: () => ({ kind: 'answer' }) });
    upstreams.push(upstream);
    const response = await fetch(`${upstream.baseUrl}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'p' }] }),
    });
    const body = (await response.json()) as { object: string; choices: { message: { content: string } }[] };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.message.content).toBe(answerText('p'));
  });
});
