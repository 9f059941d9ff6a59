import type { EmbeddingRunSizes } from '../embeddings/measure-embeddings.js';
import type { GovernanceBackend } from '../governance/governance-measurement.js';

/** How much work one client scenario does. */
export interface ClientRunSizes {
  /** Calls before anything is measured (JIT, connection pool, caches). */
  readonly warmup: number;
  /** Calls one after another, for latency percentiles and time to first chunk. */
  readonly sequential: number;
  /** Rounds at `concurrency`; CPU per request and throughput are the median round's. */
  readonly rounds: number;
  /** Calls per round. */
  readonly perRound: number;
  /** Calls in flight at once during rounds. */
  readonly concurrency: number;
  /** A phase or round stops early after this long, so slow clients keep the run bounded. */
  readonly phaseCapMs: number;
}

/** How much load each gateway gets. */
export interface GatewayRunSizes {
  readonly warmup: number;
  readonly sequential: number;
  readonly concurrent: number;
  /** A phase stops early after this long (a slow gateway keeps the run bounded). */
  readonly phaseCapMs: number;
}

/** The governance group: child runs of the gateway's admission measurement. */
export interface GovernanceRunSizes {
  /** Calls in flight at once (the goal is stated at 64). */
  readonly concurrency: number;
  /** Calls before each run's measured ones (pool, statement cache, JIT). */
  readonly warmupCalls: number;
  /** One child process each: database, simulated upstream time (0: capacity), measured calls. */
  readonly runs: readonly {
    readonly backend: GovernanceBackend;
    readonly upstreamMs: number;
    readonly calls: number;
  }[];
}

/** Sizes of a whole run. */
export interface RunSizes {
  readonly complete: ClientRunSizes;
  readonly stream: ClientRunSizes;
  /** The per-middleware breakdown: smaller, since it runs one scenario per middleware and mode. */
  readonly breakdown: { readonly complete: ClientRunSizes; readonly stream: ClientRunSizes };
  /** Open streams held at once in the scale scenario. */
  readonly openStreams: number;
  /** Sequential requests of the leak check. */
  readonly leakRequests: number;
  /** The gateway load: sequential calls, then calls at concurrency 64, each phase capped in time. */
  readonly gateway: GatewayRunSizes;
  /** Content chunks per streamed answer. */
  readonly streamChunks: number;
  /** Fresh processes per cold-start subject (the median is reported). */
  readonly coldStartProcesses: number;
  /** The embeddings scenario: 100 inputs × 1,536 dimensions per call. */
  readonly embeddings: EmbeddingRunSizes;
  /** Key authentication plus a budget reservation, per call. */
  readonly governance: GovernanceRunSizes;
}

/** The full run: about 10 minutes on 2 cores at most. */
export const FULL_SIZES: RunSizes = {
  complete: {
    warmup: 5000,
    sequential: 5000,
    rounds: 5,
    perRound: 10_000,
    concurrency: 16,
    phaseCapMs: 6000,
  },
  stream: { warmup: 2000, sequential: 2000, rounds: 5, perRound: 3000, concurrency: 16, phaseCapMs: 6000 },
  breakdown: {
    complete: {
      warmup: 3000,
      sequential: 2000,
      rounds: 3,
      perRound: 6000,
      concurrency: 16,
      phaseCapMs: 4000,
    },
    stream: { warmup: 1000, sequential: 500, rounds: 3, perRound: 1500, concurrency: 16, phaseCapMs: 4000 },
  },
  openStreams: 10_000,
  leakRequests: 100_000,
  gateway: { warmup: 2000, sequential: 3000, concurrent: 20_000, phaseCapMs: 30_000 },
  streamChunks: 50,
  coldStartProcesses: 15,
  embeddings: {
    inputs: 100,
    dimensions: 1536,
    warmup: 300,
    sequential: 300,
    rounds: 5,
    perRound: 300,
    concurrency: 4,
    held: 20,
    phaseCapMs: 6000,
  },
  // PGlite runs in the measuring process's thread (WASM): about 700 calls/s here, so fewer calls
  governance: {
    concurrency: 64,
    warmupCalls: 2000,
    runs: [
      { backend: 'postgres', upstreamMs: 20, calls: 20_000 },
      { backend: 'postgres', upstreamMs: 0, calls: 20_000 },
      { backend: 'pglite', upstreamMs: 20, calls: 5000 },
    ],
  },
};

/** `--quick`: a smoke test (CI) well under 2 minutes; figures are indicative only. */
export const QUICK_SIZES: RunSizes = {
  complete: { warmup: 400, sequential: 400, rounds: 3, perRound: 1000, concurrency: 16, phaseCapMs: 2000 },
  stream: { warmup: 100, sequential: 150, rounds: 3, perRound: 200, concurrency: 16, phaseCapMs: 2000 },
  breakdown: {
    complete: { warmup: 200, sequential: 200, rounds: 2, perRound: 500, concurrency: 16, phaseCapMs: 1000 },
    stream: { warmup: 50, sequential: 50, rounds: 2, perRound: 100, concurrency: 16, phaseCapMs: 1000 },
  },
  openStreams: 1000,
  leakRequests: 10_000,
  gateway: { warmup: 300, sequential: 300, concurrent: 2000, phaseCapMs: 5000 },
  streamChunks: 50,
  coldStartProcesses: 3,
  embeddings: {
    inputs: 100,
    dimensions: 1536,
    warmup: 20,
    sequential: 30,
    rounds: 2,
    perRound: 40,
    concurrency: 4,
    held: 10,
    phaseCapMs: 2000,
  },
  // one run, the target's (server database, 20 ms upstream), small enough for CI
  governance: {
    concurrency: 64,
    warmupCalls: 200,
    runs: [{ backend: 'postgres', upstreamMs: 20, calls: 500 }],
  },
};
