import type { CallOptions } from '@hub/core';

/** The per-call deadlines a provider or route configures (`CallOptions` members). */
export type CallDeadlines = Pick<CallOptions, 'timeoutMs' | 'firstByteTimeoutMs' | 'idleTimeoutMs'>;

/** The deadlines `source` sets, or undefined when it sets none. */
export function callDeadlinesOf(source: {
  readonly timeoutMs?: number | undefined;
  readonly firstByteTimeoutMs?: number | undefined;
  readonly idleTimeoutMs?: number | undefined;
}): CallDeadlines | undefined {
  const deadlines = {
    ...(source.timeoutMs !== undefined && { timeoutMs: source.timeoutMs }),
    ...(source.firstByteTimeoutMs !== undefined && { firstByteTimeoutMs: source.firstByteTimeoutMs }),
    ...(source.idleTimeoutMs !== undefined && { idleTimeoutMs: source.idleTimeoutMs }),
  };
  return Object.keys(deadlines).length === 0 ? undefined : deadlines;
}
