import type { ConnectorError } from '@hub/core';
import type { Sanitizer } from '../sanitizer.js';

/** An error as logged: its classification and a masked message, never its cause. */
export interface LoggedError {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly status?: number;
  readonly providerId?: string;
  readonly providerCode?: string;
}

/** Describes `error` for a log line; the cause (which may hold a request with credentials) is left out. */
export function describeError(error: ConnectorError, sanitizer: Sanitizer): LoggedError {
  return {
    code: error.code,
    message: sanitizer.text(error.message),
    retryable: error.retryable,
    ...(error.status !== undefined && { status: error.status }),
    ...(error.providerId !== undefined && { providerId: error.providerId }),
    ...(error.providerCode !== undefined && { providerCode: sanitizer.text(error.providerCode) }),
  };
}
