import { ConfigError } from '@hub/core';

/** Checks histogram buckets: a non-empty list of finite, positive, strictly increasing seconds. */
export function validateBuckets(buckets: readonly number[], path: string): number[] {
  if (!Array.isArray(buckets) || buckets.length === 0) {
    throw new ConfigError(`${path} must be a non-empty array of seconds.`, { path });
  }
  let previous = 0;
  for (const [index, bucket] of buckets.entries()) {
    if (typeof bucket !== 'number' || !Number.isFinite(bucket) || bucket <= previous) {
      throw new ConfigError(
        `${path}[${index}] must be a finite number of seconds, greater than 0 and than the bucket before it.`,
        { path: `${path}[${index}]` },
      );
    }
    previous = bucket;
  }
  return [...buckets];
}
