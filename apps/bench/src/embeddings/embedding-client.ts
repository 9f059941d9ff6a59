/** Clients of the embeddings scenario. */
export const EMBEDDING_CLIENTS = ['floor', 'hub-bare', 'openai-sdk'] as const;

/** One of `EMBEDDING_CLIENTS`. */
export type EmbeddingClientName = (typeof EMBEDDING_CLIENTS)[number];

/** The embedding model every request names. */
export const EMBEDDING_MODEL = 'text-embedding-3-small';

/** Embeds a batch and returns the vectors in whatever form the library gives them. */
export interface EmbeddingClient {
  readonly name: EmbeddingClientName;
  /**
   * Embeds `inputs` at `dimensions` through the library's own call.
   *
   * @returns The vectors, one per input, as the library returns them (kept to measure memory).
   */
  embed(inputs: readonly string[], dimensions: number): Promise<ArrayLike<ArrayLike<number>>>;
  close(): Promise<void>;
}
