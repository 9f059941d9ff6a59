/**
 * What an embedding will be used for; providers map it to their own task type (Gemini
 * `RETRIEVAL_QUERY` / `RETRIEVAL_DOCUMENT`, Cohere `search_query` / `search_document`) and
 * ignore it where the API has no such notion (OpenAI).
 */
export type EmbeddingInputType = 'query' | 'document';

/** One embedding request in the unified model, validated by the hub before any I/O. */
export interface EmbeddingRequest {
  /** `"provider/model"`, a route alias, or a bare model id (see `CompletionRequest.model`). */
  readonly model: string;
  /**
   * The text to embed: one string, or many (each embedded separately, answered in input order).
   * No string may be empty.
   */
  readonly input: string | readonly string[];
  /**
   * Length of each vector, for models that can shorten theirs (OpenAI `text-embedding-3-*`,
   * Gemini, Titan v2). A fallback only goes to targets that produce vectors of this length.
   */
  readonly dimensions?: number;
  readonly inputType?: EmbeddingInputType;
  /** Stable id of the end user (OpenAI `user`). */
  readonly user?: string;
  /** Caller-owned labels, as on `CompletionRequest`; never sent to providers. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Provider-specific wire fields keyed by provider id, as on `CompletionRequest`. */
  readonly providerParams?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}
