import type { AnyMiddleware } from '../contracts/middleware.js';
import { ConnectorError } from '../errors/connector-error.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import type { CallContext } from './call-context.js';

/** A failed attempt, and how far it got through the onion (so the error reaches the right hooks). */
export interface AttemptFailure {
  readonly error: ConnectorError;
  /** Middleware at indexes below this one ran `onRequest` and will see `onError`. */
  readonly depth: number;
  /** True when the provider itself failed (counts against its live stats). */
  readonly fromProvider: boolean;
}

/** Wraps a hook failure: connector errors pass, anything else becomes `middleware`. */
export function hookError(
  error: unknown,
  middleware: AnyMiddleware,
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

/** A failure outside any hook (the hub's own code), seen by every middleware's `onError`. */
export function unexpectedFailure(
  thrown: unknown,
  middleware: readonly AnyMiddleware[],
  context: CallContext,
): AttemptFailure {
  return {
    error: toConnectorError(thrown, { providerId: context.providerId }),
    depth: middleware.length,
    fromProvider: false,
  };
}
