import type { AbortOrigin } from '@hub/core';

/** What an aborted call was doing, for `abortError`: "… cancelled while waiting for the rate limiter." */
export const RATE_LIMITER_WAIT: AbortOrigin = Object.freeze({ during: 'waiting for the rate limiter' });
