/**
 * Most embedding requests of one `embed` call in flight at once, by default: enough to embed
 * thousands of inputs in a few round trips without spending the account's requests-per-minute
 * quota in one burst.
 */
export const DEFAULT_EMBEDDING_CONCURRENCY = 4;

/** The highest `embeddingConcurrency` accepted: one call must not open more sockets than this. */
export const MAX_EMBEDDING_CONCURRENCY = 16;
