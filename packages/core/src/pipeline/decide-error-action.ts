import type { ErrorAction } from '../contracts/error-action.js';
import type { AnyMiddleware } from '../contracts/middleware.js';
import type { ConnectorError } from '../errors/connector-error.js';
import { hookError } from './attempt-failure.js';
import type { CallContext } from './call-context.js';

/** The decision of the `onError` hooks: an action and the (possibly replaced) error. */
export interface ErrorDecision {
  readonly action: ErrorAction;
  readonly error: ConnectorError;
}

const PROPAGATE: ErrorAction = { type: 'propagate' };

/**
 * Runs `onError` of the middleware below `depth` in reverse registration order. The first hook
 * that returns `retry` or `fallback` decides; a hook that throws replaces the error for the
 * hooks after it.
 */
export async function decideErrorAction(
  middleware: readonly AnyMiddleware[],
  error: ConnectorError,
  depth: number,
  context: CallContext,
): Promise<ErrorDecision> {
  let current = error;
  for (let index = depth - 1; index >= 0; index--) {
    const item = middleware[index] as AnyMiddleware;
    if (item.onError === undefined) continue;
    try {
      const action = await item.onError(current, context);
      if (action !== undefined && action !== null && action.type !== 'propagate')
        return { action, error: current };
    } catch (thrown) {
      current = hookError(thrown, item, 'onError', context);
    }
  }
  return { action: PROPAGATE, error: current };
}
