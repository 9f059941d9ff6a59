import { z } from 'zod';

function milliseconds() {
  return z
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .positive('must be a positive number of milliseconds')
    .optional();
}

/**
 * The three default call deadlines of a provider's configuration, in milliseconds, each optional
 * (absent: none, or the provider's own default) and overridden per call by `CallOptions`; see
 * `CallDeadline` for what each limit measures and `callRequestOptions` for how they apply.
 * Spread into the provider's config schema so every provider validates them alike:
 *
 * ```ts
 * const schema = z.object({ apiKey: z.string(), ...callDeadlineFields }).strict();
 * ```
 */
export const callDeadlineFields = {
  /** The whole call, fetching credentials included. */
  timeoutMs: milliseconds(),
  /** From sending a request until its response headers. */
  firstByteTimeoutMs: milliseconds(),
  /** The longest gap between two pieces of a response body (stream events). */
  idleTimeoutMs: milliseconds(),
};
