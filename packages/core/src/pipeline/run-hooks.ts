import type { Middleware } from '../contracts/middleware.js';
import { ConnectorError } from '../errors/connector-error.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { CallContext } from './call-context.js';

/** How far an attempt got through the onion, for routing an error to the right hooks. */
export class AttemptFailure {
  constructor(
    readonly error: ConnectorError,
    /** Middleware at indexes below this one ran `onRequest` and will see `onError`. */
    readonly depth: number,
    /** True when the provider itself failed (counts against its live stats). */
    readonly fromProvider: boolean,
  ) {}
}

/** Where `onRequest` hooks left the attempt. */
export type RequestHooksResult =
  | { readonly kind: 'call'; readonly request: CompletionRequest }
  | { readonly kind: 'respond'; readonly response: CompletionResponse; readonly depth: number };

const isPromise = <T>(value: unknown): value is Promise<T> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** Wraps a hook failure: connector errors pass, anything else becomes `middleware`. */
export function hookError(
  error: unknown,
  middleware: Middleware,
  hook: string,
  context: CallContext,
): ConnectorError {
  if (ConnectorError.isInstance(error)) return error;
  const converted = toConnectorError(error, { providerId: context.providerId });
  if (converted.code !== 'unknown') return converted;
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError('middleware', `Middleware "${middleware.name}" failed in ${hook}: ${message}`, {
    cause: error,
    providerId: context.providerId,
  });
}

/** Runs `onRequest` of every middleware in registration order. */
export async function runRequestHooks(
  middleware: readonly Middleware[],
  request: CompletionRequest,
  context: CallContext,
): Promise<RequestHooksResult> {
  let current = request;
  for (let index = 0; index < middleware.length; index++) {
    const item = middleware[index] as Middleware;
    if (item.onRequest === undefined) continue;
    let result: unknown;
    try {
      result = item.onRequest(current, context);
      if (isPromise(result)) result = await result;
    } catch (error) {
      throw new AttemptFailure(hookError(error, item, 'onRequest', context), index, false);
    }
    if (result === undefined || result === null) continue;
    const outcome = result as { request?: CompletionRequest; response?: CompletionResponse };
    if (outcome.response !== undefined) return { kind: 'respond', response: outcome.response, depth: index };
    if (outcome.request !== undefined) current = outcome.request;
  }
  return { kind: 'call', request: current };
}

/** Runs `onResponse` of the middleware below `depth`, in reverse registration order. */
export async function runResponseHooks(
  middleware: readonly Middleware[],
  response: CompletionResponse,
  depth: number,
  context: CallContext,
): Promise<CompletionResponse> {
  let current = response;
  for (let index = depth - 1; index >= 0; index--) {
    const item = middleware[index] as Middleware;
    if (item.onResponse === undefined) continue;
    try {
      let result: unknown = item.onResponse(current, context);
      if (isPromise(result)) result = await result;
      if (result !== undefined && result !== null) current = result as CompletionResponse;
    } catch (error) {
      throw new AttemptFailure(hookError(error, item, 'onResponse', context), index, false);
    }
  }
  return current;
}

/** Normalizes anything an attempt threw into an `AttemptFailure`. */
export function asFailure(
  thrown: unknown,
  middleware: readonly Middleware[],
  context: CallContext,
): AttemptFailure {
  if (thrown instanceof AttemptFailure) return thrown;
  return new AttemptFailure(
    toConnectorError(thrown, { providerId: context.providerId }),
    middleware.length,
    false,
  );
}
