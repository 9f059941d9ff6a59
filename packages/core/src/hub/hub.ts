import type { CallOptions } from '../contracts/call-options.js';
import type { ConnectorPlugin } from '../contracts/connector-plugin.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import type { MetricsCollector } from '../contracts/metrics-collector.js';
import type { Middleware } from '../contracts/middleware.js';
import type { HealthStatus, ProviderMetadata } from '../contracts/provider-metadata.js';
import type { ProviderSelector } from '../contracts/provider-selector.js';
import type { TargetStats, TargetStatsStore } from '../contracts/target-stats.js';
import type { ConnectorError } from '../errors/connector-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { EmbeddingRequest } from '../model/embedding-request.js';
import type { EmbeddingResponse } from '../model/embedding-response.js';
import type { RequestLimits } from '../model/request-limits.js';
import type { StreamChunk } from '../model/stream-chunk.js';
import type { TokenCount } from '../model/token-count.js';
import type { RouteTarget } from './route-table.js';

/** How to build a hub. */
export interface HubOptions {
  /** Plugins, registered in order (their middleware runs inside `middleware` below). */
  readonly plugins?: readonly ConnectorPlugin[];
  /** Providers added directly, without a plugin. */
  readonly providers?: readonly LLMProvider[];
  /**
   * Middleware added directly. It runs outermost, in array order, before (outside) middleware
   * that plugins register.
   */
  readonly middleware?: readonly Middleware[];
  /** Metrics collectors added directly (plugins may add more). */
  readonly metrics?: readonly MetricsCollector[];
  /**
   * Orders route candidates: an instance, or the name of a built-in (`priority`, `round-robin`,
   * `weighted`, `lowest-latency`, `lowest-cost`) or plugin-registered selector. Default
   * `priority`.
   */
  readonly selector?: ProviderSelector | string;
  /**
   * Aliases mapping to ordered `provider/model` targets, for example
   * `{ default: ['openai/gpt-4o-mini', 'anthropic/claude-3-5-haiku-latest'] }`.
   */
  readonly routes?: Readonly<Record<string, readonly RouteTarget[]>>;
  /**
   * Most attempts per hub call, counting the first, every retry and every fallback. Default 5.
   */
  readonly maxAttempts?: number;
  /**
   * When no middleware decides, move on to the next route candidate after an error for which this
   * returns true. Default: retryable errors and `circuit_open`.
   */
  readonly fallbackWhen?: (error: ConnectorError) => boolean;
  /** Deadline of a whole hub call (all attempts) in milliseconds. Default: none. */
  readonly timeoutMs?: number;
  /**
   * Bounds on what one request may hold (messages, parts, tools, JSON nesting), checked before
   * any middleware; unset fields keep `DEFAULT_REQUEST_LIMITS`.
   */
  readonly requestLimits?: Partial<RequestLimits>;
}

/** A provider's health as the hub sees it. */
export interface ProviderHealth extends HealthStatus {
  readonly providerId: string;
}

/**
 * A composed hub: plugins registered, middleware ordered, routes resolved. Create with
 * `createHub`.
 */
export interface Hub {
  /**
   * Runs one completion through the pipeline, retrying and falling back as middleware decide.
   *
   * @throws ConnectorError `invalid_request` (naming the field) before any middleware for a bad
   * request; otherwise the error that ended the last attempt.
   */
  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResponse>;
  /**
   * Streams one completion. Iteration validates the request first; retries and fallbacks happen
   * only until the first content chunk reaches the caller. Stopping iteration closes the upstream.
   */
  stream(request: CompletionRequest, options?: CallOptions): AsyncIterable<StreamChunk>;
  /**
   * Embeds one or many texts through the pipeline (middleware that lists `embed`), resolving
   * routes like `complete`; a fallback only goes to targets producing vectors of the same length.
   *
   * @throws ConnectorError `invalid_request` (naming the field) for a bad request, `unsupported`
   * when no target of the route embeds; otherwise the error that ended the last attempt.
   */
  embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse>;
  /**
   * Counts a completion request's input tokens with the first eligible target of its route: the
   * provider's counting API where the model has one (`exact: true`), the hub's local estimate
   * otherwise (`exact: false`, never 0). Runs through middleware that lists `count-tokens` (auth
   * headers apply; rate limits do not); metrics count it as its own operation.
   */
  countTokens(request: CompletionRequest, options?: CallOptions): Promise<TokenCount>;
  /**
   * Health of every provider, checked in parallel: each provider's probe, bounded to five
   * seconds and classified by the hub (`healthy`; `degraded` when slower than two seconds or rate
   * limited; `unhealthy`).
   */
  health(options?: CallOptions): Promise<ProviderHealth[]>;
  /** The registered providers. */
  providers(): readonly LLMProvider[];
  /** Route aliases and their targets. */
  routes(): Record<string, string[]>;
  /** Metadata of every provider (cached by the providers). */
  metadata(options?: CallOptions): Promise<ProviderMetadata[]>;
  /** Live stats of a `provider/model` address. */
  stats(address: string): TargetStats;
  /** The hub's live statistics store (shared with selectors and middleware). */
  readonly statsStore: TargetStatsStore;
  /** Disposes plugins (reverse order) and closes providers. Calls after `close` fail. */
  close(): Promise<void>;
}
