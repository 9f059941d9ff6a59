import type { ClientName } from '../clients/bench-client.js';

/** How each client is named in the results table. */
export const CLIENT_LABELS: Readonly<Record<ClientName, string>> = {
  floor: 'floor (raw undici Pool)',
  'hub-bare': 'hub (bare)',
  'hub-default': 'hub + default middleware',
  'hub-stack': 'hub + production stack',
  'openai-sdk': 'openai SDK',
  'vercel-ai': 'Vercel AI SDK',
  langchain: 'LangChain.js ChatOpenAI',
  'hub-cache-memory': 'memory-cache hit',
  'hub-cache-redis': 'Redis-cache hit',
  'hub-rate-limit-memory': 'rate limit, memory',
  'hub-rate-limit-redis': 'rate limit, Redis',
  'hub-cache-miss': 'memory-cache miss',
  'hub-logging': 'logging (pino at info)',
  'hub-retry': 'retry',
  'hub-circuit-breaker': 'circuit breaker',
  'hub-fallback': 'fallback',
  'hub-metrics': 'metrics (Prometheus + cost)',
};
