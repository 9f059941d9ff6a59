import type { ClientName } from '../clients/bench-client.js';
import type { EmbeddingClientName } from '../embeddings/embedding-client.js';
import type { EmbeddingRunSizes } from '../embeddings/measure-embeddings.js';
import type { GatewayTarget } from './gateway-target.js';
import type { ExpectedAnswer } from './measure-client.js';
import type { ClientRunSizes, GatewayRunSizes } from './run-sizes.js';
import type { StreamWrites } from './stream-writes.js';

/** Where the fake upstream and Redis are, and what the upstream answers. */
interface Environment {
  readonly origin: string;
  readonly redisUrl: string;
  readonly expected: ExpectedAnswer;
}

/**
 * One unit of work for a fresh scenario process, sent as JSON in the `BENCH_TASK` variable:
 *
 * - `client`: CPU, latency and throughput of one client in one mode;
 * - `feature`: the same for a hub with one feature, plus the latency of misses for caches;
 * - `open-streams`: memory per open stream with `streams` held at once;
 * - `leak`: memory over `requests` sequential completions;
 * - `gateway-load`: latency and throughput of an OpenAI-compatible endpoint;
 * - `embeddings`: CPU, latency and memory of one embeddings client.
 */
export type ScenarioTask =
  | (Environment & {
      readonly kind: 'client' | 'feature';
      readonly client: ClientName;
      readonly mode: 'complete' | 'stream';
      /** How the upstream writes streams (ignored for completions). Default `burst`. */
      readonly writes?: StreamWrites;
      readonly sizes: ClientRunSizes;
    })
  | (Environment & { readonly kind: 'open-streams'; readonly client: ClientName; readonly streams: number })
  | (Environment & {
      readonly kind: 'leak';
      readonly client: ClientName;
      readonly requests: number;
      readonly warmup: number;
    })
  | (Environment & {
      readonly kind: 'gateway-load';
      readonly target: GatewayTarget;
      readonly sizes: GatewayRunSizes;
    })
  | (Environment & {
      readonly kind: 'embeddings';
      readonly client: EmbeddingClientName;
      readonly sizes: EmbeddingRunSizes;
    });
