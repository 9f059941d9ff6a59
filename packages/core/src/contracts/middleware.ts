import type { ConnectorError } from '../errors/connector-error.js';
import type { StreamChunk } from '../model/stream-chunk.js';
import type { ErrorAction } from './error-action.js';
import type { CompletionOperation, HubOperation, RequestOf, ResponseOf } from './hub-operation.js';
import type { MiddlewareContext } from './middleware-context.js';

/**
 * What `onRequest` may return: nothing (continue unchanged), a rewritten request, or a response
 * that answers the call without the provider (a cache hit). A short-circuit response still
 * passes back through `onResponse` of the middleware registered before this one.
 */
export type RequestHookResult<O extends HubOperation = CompletionOperation> =
  | void
  | undefined
  | { readonly request: RequestOf<O> }
  | { readonly response: ResponseOf<O> };

/** The final outcome of a hub call, given to `onSettled`. */
export type CallOutcome<O extends HubOperation = CompletionOperation> =
  | {
      readonly ok: true;
      readonly response: ResponseOf<O>;
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
 * Operations: a middleware takes part only in the operations it lists in `operations` (default
 * `complete` and `stream`); for the others the hub skips it entirely. `O` types the hooks'
 * parameters: a middleware that lists `embed` receives `EmbeddingRequest`s in `onRequest` too,
 * and tells them apart with `context.operation` or `isEmbeddingRequest`. Return types are those of
 * any operation, so every `Middleware<O>` fits wherever a `Middleware` is expected; return the
 * type of the operation at hand (the hub passes it on as is).
 *
 * Failure semantics: an `onRequest` error skips the provider call and goes to `onError` of the
 * middleware that already ran; an `onResponse` error turns the success into that error; an
 * `onError` error replaces the original error for the middleware after it. Errors are converted
 * with `toConnectorError` (code `middleware` for non-connector errors).
 */
export interface Middleware<O extends HubOperation = CompletionOperation> {
  /** Unique name, used in errors and logs. */
  readonly name: string;

  /**
   * The operations this middleware takes part in. Default `['complete', 'stream']`: embedding
   * and token-counting calls skip middleware that does not list them, on purpose rather than by
   * accident. List the same operations as `O` (`Middleware<'complete' | 'stream' | 'embed'>`)
   * so the hooks are typed for what they receive.
   */
  readonly operations?: readonly HubOperation[];

  /** Runs before each attempt; may rewrite the request or answer it (see `RequestHookResult`). */
  onRequest?(
    request: RequestOf<O>,
    context: MiddlewareContext<O>,
  ): RequestHookResult<HubOperation> | Promise<RequestHookResult<HubOperation>>;

  /**
   * Runs after each successful attempt, with the folded response for streams (once the stream
   * finished). May return a replacement response (not for `stream`: its chunks have already
   * reached the caller).
   */
  onResponse?(
    response: ResponseOf<O>,
    context: MiddlewareContext<O>,
  ): ResponseOf<HubOperation> | void | Promise<ResponseOf<HubOperation> | void>;

  /**
   * Runs after each failed attempt and decides what happens next. Returning nothing means
   * `propagate`.
   */
  onError?(
    error: ConnectorError,
    context: MiddlewareContext<O>,
  ): ErrorAction | void | Promise<ErrorAction | void>;

  /**
   * Wraps the provider's stream for one attempt (`stream` only): observe or transform chunks as
   * they pass, never buffer the whole stream. The returned iterable must forward `return()` to
   * `stream` so that a caller who stops iterating closes the upstream connection.
   */
  wrapStream?(stream: AsyncIterable<StreamChunk>, context: MiddlewareContext<O>): AsyncIterable<StreamChunk>;

  /**
   * Runs once per hub call with its final outcome (after all retries and fallbacks, and after a
   * stream ended, failed or was abandoned by its caller). Errors thrown here are ignored: the
   * outcome is already decided.
   */
  onSettled?(outcome: CallOutcome<O>, context: MiddlewareContext<O>): void | Promise<void>;
}

/**
 * Middleware of any operations, as the hub holds it internally. Every `Middleware<O>` is
 * assignable to it and to `Middleware` (hook parameters are compared bivariantly, return types
 * are the same); hub options and registries take plain `Middleware`, so inline middleware is
 * typed for completions, its default.
 */
export type AnyMiddleware = Middleware<HubOperation>;
