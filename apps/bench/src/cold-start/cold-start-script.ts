import { BENCH_API_KEY } from '../clients/bench-client.js';

/** What a cold-start child loads and creates. */
export const COLD_START_SUBJECTS = ['floor', 'hub-bare', 'hub-stack', 'openai-sdk'] as const;

/** One of `COLD_START_SUBJECTS`. */
export type ColdStartSubject = (typeof COLD_START_SUBJECTS)[number];

// each body imports its libraries and creates a client ready for its first call, nothing more
const BODIES: Readonly<Record<ColdStartSubject, string>> = {
  floor: `const { Pool } = await import('undici');
client = new Pool(origin);`,
  'hub-bare': `const { createHub } = await import('@hub/core');
const { openai } = await import('@hub/provider-openai');
client = createHub({ plugins: [openai({ apiKey, baseUrl: origin + '/v1', env: {} })] });`,
  'hub-stack': `const [core, provider, cacheModule, breaker, fallbackModule, loggingModule, metrics, limits, retryModule, pinoModule] = await Promise.all([
  import('@hub/core'), import('@hub/provider-openai'), import('@hub/middleware-cache'),
  import('@hub/middleware-circuit-breaker'), import('@hub/middleware-fallback'),
  import('@hub/middleware-logging'), import('@hub/middleware-metrics'),
  import('@hub/middleware-rate-limit'), import('@hub/middleware-retry'), import('pino'),
]);
const logger = pinoModule.pino({ level: 'info' }, pinoModule.pino.destination('/dev/null'));
client = core.createHub({
  plugins: [
    provider.openai({ apiKey, baseUrl: origin + '/v1', env: {} }),
    metrics.metricsPlugin({ collectors: [metrics.prometheusCollector()] }),
  ],
  middleware: [
    loggingModule.logging({ logger }),
    cacheModule.cache({ store: cacheModule.memoryCache() }),
    limits.rateLimit({ limits: [{ scope: 'provider', requestsPerWindow: 1000000000 }], adaptive: false }),
    fallbackModule.fallback(),
    retryModule.retry(),
    breaker.circuitBreaker(),
  ],
});`,
  'openai-sdk': `const { OpenAI } = await import('openai');
client = new OpenAI({ apiKey, baseURL: origin + '/v1', maxRetries: 0 });`,
};

/**
 * The ES module a cold-start child runs with `node --input-type=module -e`: it notes the time,
 * imports the subject's libraries (from their installed, built files: no loader, no source
 * condition) and creates a client, then prints one JSON line — `loadMs` (import and create, wall
 * time), `loadCpuMs` (the CPU the process spent on it, steadier on a shared machine) and
 * `sinceProcessStartMs` (the same end point measured from the process's time origin, so Node's
 * own start-up is included).
 *
 * @param subject - What to load.
 * @param origin - Base origin given to the client (never contacted).
 * @returns The module's source.
 */
export function coldStartScript(subject: ColdStartSubject, origin: string): string {
  return `const started = performance.now();
const cpuStarted = process.cpuUsage();
const origin = ${JSON.stringify(origin)};
const apiKey = ${JSON.stringify(BENCH_API_KEY)};
let client;
${BODIES[subject]}
const ended = performance.now();
const cpu = process.cpuUsage(cpuStarted);
if (client === undefined) throw new Error('no client was created');
const loadCpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ loadMs: ended - started, loadCpuMs, sinceProcessStartMs: ended }) + '\\n');
`;
}
