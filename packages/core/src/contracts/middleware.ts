import type { ConnectorError } from '../errors/connector-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { StreamChunk } from '../model/stream-chunk.js';
import type { ErrorAction } from './error-action.js';
import type { MiddlewareContext } from './middleware-context.js';

/**
 * What `onRequest` may return: nothing (continue unchanged), a rewritten request, or a response
 * that answers the call without the provider (a cache hit). A short-circuit response still
 * passes back through `onResponse` of the middleware registered before this one.
 */
export type RequestHookResult =
  | void
  | undefined
  | { readonly request: CompletionRequest }
  | { readonly response: CompletionResponse };

/** The final outcome of a hub call, given to `onSettled`. */
export type CallOutcome =
  | {
      readonly ok: true;
      readonly response: CompletionResponse;
      /** True when a middleware answered from a cache (no provider call). */
      readonly cached: boolean;
    }
  | { readonly ok: false; readonly error: ConnectorError };

/**
 * A step of the pipeline around every provider call. Create middleware with a factory that
 * validates its options and returns a plain object; every hook is optional.
 *
 * Order (first registered = outermost), for each attempt:
 *
 * ```text
 *   onRequest:   A ──► B ──► C ──► provider
 *   onResponse:  A ◄── B ◄── C ◄── response
 *   onError:     A ◄── B ◄── C ◄── error     (first non-propagate action wins)
 *   wrapStream:  A( B( C( provider stream )))
 *   onSettled:   A ◄── B ◄── C               (once per hub call, after the last attempt)
 * ```
 *
 * Failure semantics: an `onRequest` error skips the provider call and goes to `onError` of the
 * middleware that already ran; an `onResponse` error turns the success into that error; an
 * `onError` error replaces the original error for the middleware after it. Errors are converted
 * with `toConnectorError` (code `middleware` for non-connector errors).
 */
export interface Middleware {
  /** Unique name, used in errors and logs. */
  readonly name: string;

  /** Runs before each attempt; may rewrite the request or answer it (see `RequestHookResult`). */
  onRequest?(
    request: CompletionRequest,
    context: MiddlewareContext,
  ): RequestHookResult | Promise<RequestHookResult>;

  /**
   * Runs after each successful attempt, with the folded response for streams (once the stream
   * finished). May return a replacement response (for `complete` only; a stream's chunks have
   * already reached the caller).
   */
  onResponse?(
    response: CompletionResponse,
    context: MiddlewareContext,
  ): CompletionResponse | void | Promise<CompletionResponse | void>;

  /**
   * Runs after each failed attempt and decides what happens next. Returning nothing means
   * `propagate`.
   */
  onError?(
    error: ConnectorError,
    context: MiddlewareContext,
  ): ErrorAction | void | Promise<ErrorAction | void>;

  /**
   * Wraps the provider's stream for one attempt: observe or transform chunks as they pass, never
   * buffer the whole stream. The returned iterable must forward `return()` to `stream` so that a
   * caller who stops iterating closes the upstream connection.
   */
  wrapStream?(stream: AsyncIterable<StreamChunk>, context: MiddlewareContext): AsyncIterable<StreamChunk>;

  /**
   * Runs once per hub call with its final outcome (after all retries and fallbacks, and after a
   * stream ended, failed or was abandoned by its caller). Errors thrown here are ignored: the
   * outcome is already decided.
   */
  onSettled?(outcome: CallOutcome, context: MiddlewareContext): void | Promise<void>;
}
