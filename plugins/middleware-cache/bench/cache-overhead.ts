// What the cache adds to one `hub.complete` with the memory store, on a miss and on a hit:
// per-call p50/p90 with the cache minus the same calls through a hub without it, on a provider
// that answers at once (so the hub's own cost is what is left). Not a test: numbers depend on the
// machine. Run: node --conditions=@hub/source --import tsx bench/cache-overhead.ts
import { type CompletionRequest, createHub, type Hub, type LLMProvider, type Middleware } from '@hub/core';
import { cache } from '../src/index.js';

const CALLS = Number(process.env.CALLS ?? 20_000);
const WARMUP = Number(process.env.WARMUP ?? 5_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const instantProvider: LLMProvider = {
  providerId: 'fast',
  async sendCompletion(request) {
    const text = 'The answer is forty-two, as it always was.';
    return {
      id: 'resp-1',
      provider: 'fast',
      model: request.model,
      text,
      content: [{ type: 'text', text }],
      finishReason: 'stop',
      usage: { inputTokens: 25, outputTokens: 10, totalTokens: 35 },
    };
  },
  streamCompletion() {
    throw new Error('not used');
  },
  async getMetadata() {
    return {
      providerId: 'fast',
      displayName: 'Instant',
      apiVersion: '1',
      models: [
        {
          id: 'model-1',
          contextWindow: 128_000,
          capabilities: { streaming: true, tools: true, vision: false, json: true },
        },
      ],
      fetchedAt: Date.now(),
    };
  },
  validateConfig: () => ({ ok: true }),
  async probe() {},
};

/** A chat request the size of a typical short exchange, with a tool and provider params. */
const request = (index: number): CompletionRequest => ({
  model: 'fast/model-1',
  temperature: 0,
  maxTokens: 256,
  messages: [
    { role: 'system', content: 'You are a terse assistant. Answer in one sentence.' },
    { role: 'user', content: `What is the answer to question number ${index}?` },
  ],
  tools: [
    {
      name: 'lookup',
      description: 'Looks a fact up.',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  ],
  providerParams: { fast: { logprobs: false } },
  metadata: { tenant: 'bench' },
});

const hubWith = (middleware: Middleware[]): Hub => createHub({ providers: [instantProvider], middleware });

async function timeCalls(hub: Hub, requests: readonly CompletionRequest[]): Promise<number[]> {
  const durations = new Array<number>(requests.length);
  for (let index = 0; index < requests.length; index++) {
    const started = performance.now();
    await hub.complete(requests[index] as CompletionRequest);
    durations[index] = (performance.now() - started) * 1000;
  }
  return durations;
}

const percentile = (sorted: readonly number[], share: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number;

interface Summary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly mean: number;
}

function summarize(durations: number[]): Summary {
  const sorted = [...durations].sort((a, b) => a - b);
  const mean = durations.reduce((sum, value) => sum + value, 0) / durations.length;
  return { p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99), mean };
}

async function scenario(hub: Hub, requests: readonly CompletionRequest[]): Promise<Summary> {
  await timeCalls(hub, requests.slice(0, WARMUP));
  const summary = summarize(await timeCalls(hub, requests.slice(WARMUP)));
  await hub.close();
  return summary;
}

const format = (value: number): string => value.toFixed(1).padStart(6);

async function main(): Promise<void> {
  const total = WARMUP + CALLS;
  const best: Record<string, Summary> = {};
  for (let round = 0; round < ROUNDS; round++) {
    // every request distinct: each one misses (and is stored)
    const distinct = Array.from({ length: total }, (_, index) => request(round * total + index));
    // one request, stored by the first call: every later call hits
    const same = Array.from({ length: total }, () => request(-1));
    const results: Record<string, Summary> = {
      'no cache, distinct': await scenario(hubWith([]), distinct),
      'cache miss': await scenario(hubWith([cache()]), distinct),
      'no cache, same': await scenario(hubWith([]), same),
      'cache hit': await scenario(hubWith([cache()]), same),
    };
    for (const [name, summary] of Object.entries(results)) {
      const previous = best[name];
      if (previous === undefined || summary.p50 < previous.p50) best[name] = summary;
    }
  }
  const line = (name: string, summary: Summary): string =>
    `${name.padEnd(20)} p50 ${format(summary.p50)} µs  p90 ${format(summary.p90)} µs  p99 ${format(summary.p99)} µs  mean ${format(summary.mean)} µs`;
  for (const [name, summary] of Object.entries(best)) console.log(line(name, summary));
  const missBase = best['no cache, distinct'] as Summary;
  const miss = best['cache miss'] as Summary;
  const hitBase = best['no cache, same'] as Summary;
  const hit = best['cache hit'] as Summary;
  console.log(
    `miss overhead: p50 ${format(miss.p50 - missBase.p50)} µs, mean ${format(miss.mean - missBase.mean)} µs`,
  );
  console.log(
    `hit vs provider call: p50 ${format(hit.p50 - hitBase.p50)} µs, mean ${format(hit.mean - hitBase.mean)} µs (hit total p50 ${format(hit.p50)} µs)`,
  );
}

await main();
