/** How a server serves `POST /embeddings`. */
export interface EmbeddingsOptions {
  /** Path of the endpoint, fixed or per model (Azure: the deployment's). Default `/embeddings`. */
  readonly path?: string | ((model: string) => string) | undefined;
  /** The body's `model` for a request's model (an Azure deployment). Default: unchanged. */
  readonly wireModel?: ((model: string) => string) | undefined;
  /**
   * `base64` asks for little-endian float32 bytes, decoded straight into `Float32Array`s (a
   * quarter of the JSON); `float` reads number arrays, for servers without base64.
   */
  readonly encoding: 'base64' | 'float';
  /** Most inputs one request may carry (OpenAI documents 2,048); more are split into batches. */
  readonly batchSize: number;
  /**
   * Most input tokens one request may carry (OpenAI documents 300,000), estimated conservatively
   * from UTF-8 bytes (a third of them); a batch closes before it would pass it. Default: none.
   */
  readonly maxRequestTokens?: number | undefined;
  /**
   * Wire field of `EmbeddingRequest.dimensions` (`dimensions`; Mistral `output_dimension`), or
   * `false` when the server cannot shorten vectors (a request asking for it is `unsupported`).
   */
  readonly dimensionsField: string | false;
  /**
   * The fixed vector length of a model that cannot shorten its vectors (OpenAI's
   * `text-embedding-ada-002`: 1536), from the catalog; `undefined` when it can or is unknown.
   */
  readonly fixedDimensions?: ((model: string) => number | undefined) | undefined;
  /** Whether the server takes `user`. Default true. */
  readonly sendUser?: boolean | undefined;
  /** Most batch requests of one call in flight at once. Default 4. */
  readonly concurrency?: number | undefined;
}
