/** Acme's request body (`POST /v1/generate`). */
export interface AcmeGenerateBody {
  model: string;
  turns: Array<{ speaker: 'system' | 'human' | 'bot'; text: string }>;
  max_tokens?: number;
  temperature?: number;
  stream?: boolean;
}

/** Acme's non-stream answer and the last line of its NDJSON stream. */
export interface AcmeResult {
  id: string;
  model: string;
  output: string;
  stop_reason: 'end' | 'max_tokens' | 'filtered';
  usage: { in: number; out: number };
}

/** An error Acme reports inside a stream that had already started (HTTP status 200). */
export interface AcmeStreamError {
  error: { type: 'overloaded' | 'server_error'; message: string };
}

/** One NDJSON stream line: a text piece, an error, or the final result with `done: true`. */
export type AcmeStreamLine = { delta: string } | AcmeStreamError | ({ done: true } & AcmeResult);
