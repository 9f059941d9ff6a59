import type { ModelInfo, ValidationResult } from '@hub/core';
import type { HttpClientOptions } from '@hub/provider-utils';
import type { ChatCompletionsQuirks } from './chat-completions-quirks.js';

/**
 * Everything `createChatCompletionsProvider` needs to speak Chat Completions to one server. The
 * OpenAI, Azure OpenAI and OpenAI-compatible providers are all built from it; use it directly for
 * a server none of them covers.
 */
export interface ChatCompletionsProviderOptions {
  /** Provider id (`openai`, `groq`, …): `[a-z0-9][a-z0-9._-]*`. */
  readonly providerId: string;
  /** Human-readable name for metadata. Default: the provider id. */
  readonly displayName?: string;
  /**
   * Absolute base URL every path is appended to (`https://api.openai.com/v1`). A query string on
   * it (Azure's `?api-version=…`) is added to every request.
   */
  readonly baseUrl: string;
  /**
   * Headers sent with every request, usually authentication (`authorization: Bearer …`,
   * `api-key`). Credential values are masked out of every error message.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Headers computed before every request, for credentials that expire (Microsoft Entra ID
   * bearer tokens). Receives the call's signal. The values are masked out of error messages.
   */
  readonly authenticate?: (signal: AbortSignal | undefined) => Promise<Readonly<Record<string, string>>>;
  /**
   * Path of the completions endpoint, fixed or per model (Azure puts the deployment in the path).
   * Default `/chat/completions`.
   */
  readonly chatPath?: string | ((model: string) => string);
  /** Path of the model list used by `getMetadata` and `healthCheck`. Default `/models`. */
  readonly modelsPath?: string;
  /**
   * Whether `getMetadata` merges the ids `GET modelsPath` returns into `models` (ids the catalog
   * lacks get conservative defaults and no prices). Default true.
   */
  readonly listModels?: boolean;
  /** Which listed ids are chat models worth reporting. Default: all. */
  readonly includeListedModel?: (id: string) => boolean;
  /** Describes a listed id missing from `models`. Default: streaming only, 8,192 tokens, no prices. */
  readonly describeUnknownModel?: (id: string) => ModelInfo;
  /** Maps a request's model to the body's `model` (an Azure deployment). Default: unchanged. */
  readonly wireModel?: (model: string) => string;
  /** The model catalog reported by `getMetadata`. Default: none. */
  readonly models?: readonly ModelInfo[];
  /** Wire API version reported in metadata. */
  readonly apiVersion?: string;
  /** Header that carries `CallOptions.requestId` (OpenAI: `x-client-request-id`). Default: not sent. */
  readonly requestIdHeader?: string;
  /**
   * Default deadline of a whole call in milliseconds (credentials and own retries included, until
   * the last byte; for streams until the stream ends); a call's own `CallOptions.timeoutMs` wins.
   * `0` or absent: none.
   */
  readonly timeoutMs?: number;
  /**
   * Default deadline for the response headers of each request in milliseconds; a call's own
   * `CallOptions.firstByteTimeoutMs` wins. `0` leaves only undici's 300 s backstop. Default 600 000.
   */
  readonly firstByteTimeoutMs?: number;
  /**
   * Default longest gap between two stream events (or reads of a response body) in milliseconds;
   * a call's own `CallOptions.idleTimeoutMs` wins. `0` leaves only undici's 300 s backstop.
   * Default 600 000.
   */
  readonly idleTimeoutMs?: number;
  /**
   * Retries the provider makes itself for retryable failures (connection errors, 429, 5xx),
   * before any stream content, waiting `retryAfterMs` or an exponential backoff. Default 0: in a
   * hub, retry middleware owns retries, and retrying twice multiplies attempts.
   */
  readonly maxRetries?: number;
  /** The undici dispatcher (proxy, custom pool, `MockAgent`). Default: an own keep-alive `Agent`. */
  readonly dispatcher?: HttpClientOptions['dispatcher'];
  /** How the server departs from OpenAI's behaviour. Default: none. */
  readonly quirks?: ChatCompletionsQuirks;
  /** Checks a configuration object for `validateConfig`. Default: everything is accepted. */
  readonly validateConfig?: (config: unknown) => ValidationResult;
  /** How long `getMetadata` results are reused, in milliseconds. Default one hour. */
  readonly metadataTtlMs?: number;
}
