/** What an embeddings answer holds. */
export interface EmbeddingsBodyOptions {
  /** Vectors, one per input. */
  readonly count: number;
  /** Length of each vector. */
  readonly dimensions: number;
  /** `float`: JSON number arrays; `base64`: little-endian float32 bytes in base64 (what the openai SDK asks for). */
  readonly encoding: 'float' | 'base64';
  /** Model echoed in the answer. */
  readonly model: string;
  /** Prompt tokens reported in `usage`. */
  readonly promptTokens: number;
}

/**
 * The value of dimension `dimension` of vector `vector`: deterministic, varied and already a
 * float32 with 9 significant digits, so the JSON form looks like OpenAI's (`-0.0069292835`) and
 * decoding either encoding gives the same numbers.
 *
 * @param vector - Index of the input.
 * @param dimension - Index within the vector.
 * @returns The value.
 */
export function fakeEmbeddingValue(vector: number, dimension: number): number {
  const raw = Math.sin(vector * 1_000 + dimension * 0.37) * 0.08;
  return Math.fround(Number(raw.toPrecision(9)));
}

/**
 * Builds an OpenAI `POST /v1/embeddings` answer byte for byte as the API frames it: a `list` of
 * `embedding` objects with `index` and `embedding` (a number array, or base64 text of float32
 * values when `encoding_format: "base64"`), the model and `usage`.
 *
 * @param options - Count, dimensions, encoding, model, tokens.
 * @returns The JSON body.
 * @throws RangeError when count or dimensions is not a positive integer.
 */
export function buildEmbeddingsBody(options: EmbeddingsBodyOptions): Buffer {
  const { count, dimensions } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new RangeError('dimensions must be a positive integer');
  }
  const data = [];
  for (let vector = 0; vector < count; vector++) {
    const values = new Float32Array(dimensions);
    for (let dimension = 0; dimension < dimensions; dimension++) {
      values[dimension] = fakeEmbeddingValue(vector, dimension);
    }
    const embedding =
      options.encoding === 'base64'
        ? Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')
        : Array.from(values, (value) => Number(value.toPrecision(9)));
    data.push({ object: 'embedding', index: vector, embedding });
  }
  return Buffer.from(
    JSON.stringify({
      object: 'list',
      data,
      model: options.model,
      usage: { prompt_tokens: options.promptTokens, total_tokens: options.promptTokens },
    }),
  );
}
