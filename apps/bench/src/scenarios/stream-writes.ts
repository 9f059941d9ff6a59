/**
 * How the fake upstream writes a stream: `burst` — the whole stream in one write; `per-event` —
 * one SSE event per write, as real upstreams flush each token.
 */
export type StreamWrites = 'burst' | 'per-event';
