import { createHash, timingSafeEqual } from 'node:crypto';
import type { GatewayConfig } from '../config/gateway-config.js';

/** A client key the gateway accepts, as stored: only its hash. */
export interface VirtualKey {
  readonly name: string;
  readonly hash: Buffer;
  /** Allowed model patterns; undefined allows all. */
  readonly models: readonly string[] | undefined;
  readonly requestsPerMinute: number | undefined;
}

/** `sha256:<hex>` of a key, the form the config file stores. */
export function hashKey(key: string): string {
  return `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** Builds the key table from config; `keyEnv` keys are read and hashed now, then forgotten. */
export function loadVirtualKeys(
  config: GatewayConfig,
  env: Readonly<Record<string, string | undefined>>,
): VirtualKey[] {
  return config.virtualKeys.map((key) => {
    const stored = key.keyHash ?? hashKey(env[key.keyEnv as string] as string);
    return {
      name: key.name,
      hash: Buffer.from(stored.slice('sha256:'.length), 'hex'),
      models: key.models,
      requestsPerMinute: key.requestsPerMinute,
    };
  });
}

/**
 * Finds the key a presented secret matches. Every stored hash is compared in constant time, so
 * timing reveals neither which key matched nor how much of one did.
 */
export function findVirtualKey(keys: readonly VirtualKey[], presented: string): VirtualKey | undefined {
  const digest = createHash('sha256').update(presented).digest();
  let found: VirtualKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(digest, key.hash) && found === undefined) found = key;
  }
  return found;
}

/** Whether a key may call `model` (a route alias or `provider/model`). */
export function allowsModel(key: VirtualKey, model: string): boolean {
  if (key.models === undefined) return true;
  return key.models.some((pattern) =>
    pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : pattern === model,
  );
}
