// Scratch micro-benchmark: CPU per hub.complete with a trivial in-process provider.
import { createHub, definePlugin, type LLMProvider, type Middleware, type ConnectorPlugin } from '@hub/core';
import { logging } from '../../middleware-logging/src/index.ts';
import { retry } from '../../middleware-retry/src/index.ts';
import { metricsPlugin, prometheusCollector } from '../src/index.ts';
import { pino } from '../../middleware-logging/node_modules/pino/pino.js';

const response = {
  id: 'chatcmpl-1', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', text: 'Hello there, how can I help?',
  content: [{ type: 'text' as const, text: 'Hello there, how can I help?' }], finishReason: 'stop' as const,
  usage: { inputTokens: 12, outputTokens: 9, totalTokens: 21, cachedInputTokens: 0, reasoningTokens: 0 },
};
const provider: LLMProvider = {
  providerId: 'openai', displayName: 'x',
  async sendCompletion() { return { ...response }; },
  streamCompletion() { throw new Error('no'); },
  async getMetadata() { return { providerId: 'openai', displayName: 'x', models: [{ id: 'gpt-4o-mini', contextWindow: 128000, maxOutputTokens: 16000, capabilities: { streaming: true, tools: true, vision: true, json: true, reasoning: false }, pricing: { inputPer1k: 0.00015, outputPer1k: 0.0006 } }], fetchedAt: Date.now() }; },
  validateConfig() { return { ok: true }; },
  async healthCheck() { return { status: 'healthy', checkedAt: Date.now() }; },
} as unknown as LLMProvider;
const providerPlugin = definePlugin({ name: 'p', version: '1.0.0', register(r) { r.addProvider(provider); } });

function compose(kind: string): { plugins: ConnectorPlugin[]; middleware: Middleware[] } {
  const logger = pino({ level: 'info' }, pino.destination('/dev/null'));
  switch (kind) {
    case 'bare': return { plugins: [], middleware: [] };
    case 'logging': return { plugins: [], middleware: [logging({ logger })] };
    case 'retry': return { plugins: [], middleware: [retry()] };
    case 'prom': return { plugins: [metricsPlugin({ collectors: [prometheusCollector()], cost: false })], middleware: [] };
    case 'cost': return { plugins: [metricsPlugin({ collectors: [] })], middleware: [] };
    case 'default': return { plugins: [metricsPlugin({ collectors: [prometheusCollector()] })], middleware: [logging({ logger }), retry()] };
  }
  throw new Error(kind);
}

const kinds = (process.argv[2] ?? 'bare,logging,retry,prom,cost,default').split(',');
const N = Number(process.argv[3] ?? 30000);
const results: Record<string, number[]> = {};
const hubs = kinds.map((kind) => { const c = compose(kind); return { kind, hub: createHub({ plugins: [providerPlugin, ...c.plugins], middleware: c.middleware }) }; });
const request = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello in one short sentence.' }] };
async function run(hub: ReturnType<typeof createHub>, n: number) {
  const concurrency = 16; let left = n;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (left-- > 0) await hub.complete(request); }));
}
for (const { hub } of hubs) await run(hub, 5000);
for (let round = 0; round < 7; round++) {
  for (const { kind, hub } of hubs) {
    globalThis.gc?.();
    const start = process.cpuUsage();
    await run(hub, N);
    const used = process.cpuUsage(start);
    (results[kind] ??= []).push((used.user + used.system) / N);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const bare = results.bare ? median(results.bare) : 0;
for (const kind of kinds) console.log(kind.padEnd(10), median(results[kind]!).toFixed(2), 'µs', bare ? `(+${(median(results[kind]!) - bare).toFixed(2)})` : '');
