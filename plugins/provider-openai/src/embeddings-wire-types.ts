// The embeddings wire format (https://platform.openai.com/docs/api-reference/embeddings), shared
// by the OpenAI-compatible servers that serve it.

/** The body of `POST /embeddings`. */
export interface OpenAIEmbeddingsRequest {
  readonly model: string;
  readonly input: readonly string[];
  readonly encoding_format?: 'float' | 'base64' | undefined;
  /** OpenAI's name for the vector length; servers may name it differently (Mistral `output_dimension`). */
  readonly dimensions?: number | undefined;
  readonly user?: string | undefined;
}

/** The answer: one item per input, `index` relative to this request's `input`. */
export interface OpenAIEmbeddingsResponse {
  readonly object?: string;
  readonly data?: readonly {
    readonly object?: string;
    readonly index?: number;
    /** Numbers, or base64 of little-endian float32 bytes when `encoding_format` was `base64`. */
    readonly embedding?: readonly number[] | string;
  }[];
  readonly model?: string;
  readonly usage?: { readonly prompt_tokens?: number; readonly total_tokens?: number } | null;
}
