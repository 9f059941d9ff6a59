/** The names of every client the benchmark can drive, each loaded only in its own process. */
export const CLIENT_NAMES = [
  'floor',
  'hub-bare',
  'hub-default',
  'hub-stack',
  'openai-sdk',
  'vercel-ai',
  'langchain',
  'hub-cache-memory',
  'hub-cache-redis',
  'hub-rate-limit-memory',
  'hub-rate-limit-redis',
  'hub-cache-miss',
  'hub-logging',
  'hub-retry',
  'hub-circuit-breaker',
  'hub-fallback',
  'hub-metrics',
] as const;

/** One of `CLIENT_NAMES`. */
export type ClientName = (typeof CLIENT_NAMES)[number];

/** Where a client sends its requests and how many connections it may open. */
export interface BenchClientOptions {
  /** The fake upstream's origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Path before `/v1` (`/hold` for streams that wait for a release). Default empty. */
  readonly pathPrefix?: string;
  /** Connections to the upstream the client may open. Default 128, the hub's own default. */
  readonly connections?: number;
  /** Redis for the Redis-backed features. */
  readonly redisUrl: string;
}

/**
 * What every scenario drives: one completion or one stream through a client library, with the
 * same request (`gpt-4o-mini`, one user message) every time unless a prompt is given.
 */
export interface BenchClient {
  readonly name: ClientName;
  /**
   * Sends one completion and returns the answer's text.
   *
   * @param prompt - The user message. Default `Say hello.` (cache scenarios vary it for misses).
   */
  complete(prompt?: string): Promise<string>;
  /**
   * Streams one completion to its end, calling `onFirstContent` when the first text arrives.
   *
   * @returns The streamed text.
   */
  stream(onFirstContent: () => void): Promise<string>;
  /** Releases connections and stores. */
  close(): Promise<void>;
}

/** The prompt every request sends unless a scenario varies it. */
export const DEFAULT_PROMPT = 'Say hello.';
/** The model every request names. */
export const BENCH_MODEL = 'gpt-4o-mini';
/** A fake key: the fake upstream does not check it, but every client insists on one. */
export const BENCH_API_KEY = 'sk-bench-0000000000000000000000000000';
