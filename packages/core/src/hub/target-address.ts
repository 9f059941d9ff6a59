import type { Target } from '../contracts/middleware-context.js';

/** A target's `provider/model` address, as routes, stats and metrics write it. */
export function targetAddress(target: Target): string {
  return `${target.providerId}/${target.model}`;
}
