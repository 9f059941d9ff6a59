import type { CallRequestOptions } from './call-request-options.js';
import { runBatches } from './run-batches.js';

/** The vectors of one embedding batch, in the batch's input order, and the tokens the API counted. */
export interface EmbeddingBatch {
  readonly embeddings: readonly Float32Array[];
  /** Input tokens the API reported for the batch; 0 when it reports none. */
  readonly inputTokens: number;
}

/** The vectors of a whole call, in input order, and the input tokens of all its batches. */
export interface EmbeddedBatches {
  readonly embeddings: Float32Array[];
  readonly inputTokens: number;
}

/** What `embedInBatches` needs. */
export interface EmbedInBatchesOptions<T> {
  /**
   * The whole call, from `callRequestOptions`: its deadline (`timeoutMs`, the caller's signal)
   * spans every batch, its headers go with each request. The caller disposes it.
   */
  readonly call: CallRequestOptions;
  /** Most batch requests in flight at once (at least 1). */
  readonly concurrency: number;
  /** Named on the `cancelled` error of a call aborted between two batches. */
  readonly origin: { readonly providerId: string; readonly model: string };
  /**
   * Sends one batch with `request` and reads its vectors. `request` carries the call's headers
   * and a deadline of the batch's own (the call's first-byte and idle limits) that aborts with
   * the call or when another batch failed; the batch must then stop and reject.
   */
  send(batch: T, request: CallRequestOptions, index: number): Promise<EmbeddingBatch>;
}

/**
 * Embeds a call's inputs split into `batches` (see `splitIntoBatches`): sends them with at most
 * `concurrency` in flight, each under a child of the call's deadline (`CallDeadline.child`), and
 * joins the vectors back in input order with the input tokens summed. The first failing batch
 * fails the call with its error and cancels the others (see `runBatches`): never a partial
 * result.
 *
 * @example
 * ```ts
 * const call = callRequestOptions(providerId, callOptions, defaults);
 * try {
 *   const batches = splitIntoBatches(inputs, { maxInputs: 2048 });
 *   return await embedInBatches(batches, {
 *     call, concurrency: 4, origin: { providerId, model },
 *     send: async (batch, request) => readVectors(await client.requestJson({ ...request, body: batch })),
 *   });
 * } finally {
 *   call.deadline.dispose();
 * }
 * ```
 */
export async function embedInBatches<T>(
  batches: readonly T[],
  options: EmbedInBatchesOptions<T>,
): Promise<EmbeddedBatches> {
  const { call, send } = options;
  const results = await runBatches(batches, {
    concurrency: options.concurrency,
    signal: call.deadline.signal,
    origin: options.origin,
    run: async (batch, index, signal) => {
      const deadline = call.deadline.child(signal);
      try {
        return await send(
          batch,
          call.headers === undefined ? { deadline } : { deadline, headers: call.headers },
          index,
        );
      } finally {
        deadline.dispose();
      }
    },
  });
  const embeddings: Float32Array[] = [];
  let inputTokens = 0;
  for (const result of results) {
    for (const vector of result.embeddings) embeddings.push(vector);
    inputTokens += result.inputTokens;
  }
  return { embeddings, inputTokens };
}
