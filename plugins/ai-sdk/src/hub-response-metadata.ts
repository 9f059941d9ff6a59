import type { JSONObject, SharedV3ProviderMetadata } from '@ai-sdk/provider';
import type { Cost, RateLimitSnapshot } from '@hub/core';
import { HUB_KEY } from './internal/hub-key.js';

/** What the hub reports about one answer, in `providerMetadata.hub` of a result or `finish` part. */
export interface HubResponseMetadata {
  /** The hub provider that answered (after any fallback). Absent on streams (see the README). */
  readonly provider?: string;
  /** The model that answered, as the provider reported it. */
  readonly model?: string;
  /** The provider's response id. */
  readonly responseId?: string;
  /** What the call cost in US dollars, when cost-aware middleware knew the prices. */
  readonly cost?: Cost;
  /** Rate-limit state the provider reported with the answer. */
  readonly rateLimit?: RateLimitSnapshot;
  /** The refusal message, when the model declined. */
  readonly refusal?: string;
}

/** `providerMetadata` carrying `metadata` under the `hub` key, its undefined fields left out. */
export function hubProviderMetadata(
  metadata: {
    readonly [Key in keyof HubResponseMetadata]?: HubResponseMetadata[Key] | undefined;
  },
): SharedV3ProviderMetadata {
  const entry: JSONObject = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value !== undefined) entry[key] = value as JSONObject[string];
  }
  return { [HUB_KEY]: entry };
}
