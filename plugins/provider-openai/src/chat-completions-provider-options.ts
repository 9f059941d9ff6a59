import type { ErrorCode, ModelInfo, ValidationResult } from '@hub/core';
import type { HttpClientOptions } from '@hub/provider-utils';
import type { ChatCompletionsQuirks } from './chat-completions-quirks.js';
import type { EmbeddingsOptions } from './embeddings-options.js';

/**
 * Everything `createChatCompletionsProvider` needs to speak Chat Completions to one server: the
 * OpenAI-compatible presets are built from it.
 */
export interface ChatCompletionsProviderOptions {
  /** Provider id (`openai`, `groq`, …): `[a-z0-9][a-z0-9._-]*`. */
  readonly providerId: string;
  /** Human-readable name for metadata. Default: the provider id. */
  readonly displayName?: string | undefined;
  /**
   * Absolute base URL every path is appended to (`https://api.openai.com/v1`). A query string on
   * it (Azure's `?api-version=…`) is added to every request.
   */
  readonly baseUrl: string;
  /**
   * Headers sent with every request, usually authentication (`authorization: Bearer …`,
   * `api-key`). Credential values are masked out of every error message.
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Headers computed before every request, for credentials that expire (Microsoft Entra ID
   * bearer tokens). Receives the call's signal. The values are masked out of error messages.
   */
  readonly authenticate?:
    | ((signal: AbortSignal | undefined) => Promise<Readonly<Record<string, string>>>)
    | undefined;
  /**
   * Path of the completions endpoint, fixed or per model (Azure puts the deployment in the path).
   * Default `/chat/completions`.
   */
  readonly chatPath?: string | ((model: string) => string) | undefined;
  /** Path of the model list read by `getMetadata` and `probe`. Default `/models`. */
  readonly modelsPath?: string | undefined;
  /**
   * Whether `getMetadata` merges the ids `GET modelsPath` returns over `models` (the kit's
   * `mergeModelList`: ids the catalog lacks get conservative defaults and no prices). Default
   * true. `probe` reads the list either way.
   */
  readonly listModels?: boolean | undefined;
  /** Which listed ids are worth reporting (chat and embedding models). Default: all. */
  readonly includeListedModel?: ((id: string) => boolean) | undefined;
  /** Maps a request's model to the body's `model` (an Azure deployment). Default: unchanged. */
  readonly wireModel?: ((model: string) => string) | undefined;
  /** The model catalog reported by `getMetadata`. Default: none. */
  readonly models?: readonly ModelInfo[] | undefined;
  /** Wire API version reported in metadata. */
  readonly apiVersion?: string | undefined;
  /** Header that carries `CallOptions.requestId` (OpenAI: `x-client-request-id`). Default: not sent. */
  readonly requestIdHeader?: string | undefined;
  /**
   * Default deadline of a whole call in milliseconds (credentials included, until the last byte;
   * for streams until the stream ends); a call's own `CallOptions.timeoutMs` wins. Absent: none.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Default deadline for the response headers of each request in milliseconds; a call's own
   * `CallOptions.firstByteTimeoutMs` wins. Default 600 000.
   */
  readonly firstByteTimeoutMs?: number | undefined;
  /**
   * Default longest wait for the next piece of a response body (for streams: the next event) in
   * milliseconds; a call's own `CallOptions.idleTimeoutMs` wins. Default 600 000.
   */
  readonly idleTimeoutMs?: number | undefined;
  /** The undici dispatcher (proxy, custom pool, `MockAgent`). Default: an own keep-alive `Agent`. */
  readonly dispatcher?: HttpClientOptions['dispatcher'] | undefined;
  /**
   * HTTP statuses the server documents differently from the shared table of `errorFromStatus`
   * (OpenAI itself: `OPENAI_STATUS_OVERRIDES`). Default: none.
   */
  readonly statusOverrides?: Readonly<Partial<Record<number, ErrorCode>>> | undefined;
  /** How the server departs from OpenAI's behaviour. Default: none. */
  readonly quirks?: ChatCompletionsQuirks | undefined;
  /** How the server serves `POST /embeddings`; absent: the provider has no `embed`. */
  readonly embeddings?: EmbeddingsOptions | undefined;
  /** Checks a configuration object for `validateConfig`. Default: everything is accepted. */
  readonly validateConfig?: ((config: unknown) => ValidationResult) | undefined;
}
