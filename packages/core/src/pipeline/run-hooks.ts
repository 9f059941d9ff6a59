import type { HubOperation, RequestOf, ResponseOf } from '../contracts/hub-operation.js';
import type { AnyMiddleware } from '../contracts/middleware.js';
import { type AttemptFailure, hookError } from './attempt-failure.js';
import type { CallContext } from './call-context.js';

/** Where `onRequest` hooks left the attempt. */
export type RequestHooksResult<O extends HubOperation> =
  | { readonly kind: 'call'; readonly request: RequestOf<O> }
  | { readonly kind: 'respond'; readonly response: ResponseOf<O>; readonly depth: number }
  | { readonly kind: 'failed'; readonly failure: AttemptFailure };

/** What `onResponse` hooks made of a response. */
export type ResponseHooksResult<O extends HubOperation> =
  | { readonly ok: true; readonly response: ResponseOf<O> }
  | { readonly ok: false; readonly failure: AttemptFailure };

const isPromise = <T>(value: unknown): value is Promise<T> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** Runs `onRequest` of every middleware in registration order. */
export async function runRequestHooks<O extends HubOperation>(
  middleware: readonly AnyMiddleware[],
  request: RequestOf<O>,
  context: CallContext<O>,
): Promise<RequestHooksResult<O>> {
  let current = request;
  for (let index = 0; index < middleware.length; index++) {
    const item = middleware[index] as AnyMiddleware;
    if (item.onRequest === undefined) continue;
    let result: unknown;
    try {
      result = item.onRequest(current, context as CallContext);
      if (isPromise(result)) result = await result;
    } catch (error) {
      return {
        kind: 'failed',
        failure: {
          error: hookError(error, item, 'onRequest', context as CallContext),
          depth: index,
          fromProvider: false,
        },
      };
    }
    if (result === undefined || result === null) continue;
    const outcome = result as { request?: RequestOf<O>; response?: ResponseOf<O> };
    if (outcome.response !== undefined) return { kind: 'respond', response: outcome.response, depth: index };
    if (outcome.request !== undefined) current = outcome.request;
  }
  return { kind: 'call', request: current };
}

/** Runs `onResponse` of the middleware below `depth`, in reverse registration order. */
export async function runResponseHooks<O extends HubOperation>(
  middleware: readonly AnyMiddleware[],
  response: ResponseOf<O>,
  depth: number,
  context: CallContext<O>,
): Promise<ResponseHooksResult<O>> {
  let current = response;
  for (let index = depth - 1; index >= 0; index--) {
    const item = middleware[index] as AnyMiddleware;
    if (item.onResponse === undefined) continue;
    try {
      let result: unknown = item.onResponse(current, context as CallContext);
      if (isPromise(result)) result = await result;
      if (result !== undefined && result !== null) current = result as ResponseOf<O>;
    } catch (error) {
      return {
        ok: false,
        failure: {
          error: hookError(error, item, 'onResponse', context as CallContext),
          depth: index,
          fromProvider: false,
        },
      };
    }
  }
  return { ok: true, response: current };
}
