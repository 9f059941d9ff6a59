import { EMPTY_USAGE, type Usage } from '@hub/core';
import type { BedrockTokenUsage } from './bedrock-wire-types.js';

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Maps Bedrock's token usage to the unified `Usage`. Bedrock reports prompt-cache reads and
 * writes beside `inputTokens`, not inside it, so `inputTokens` here is
 * `inputTokens + cacheReadInputTokens + cacheWriteInputTokens` — every prompt token once, which
 * is what cost tracking multiplies by the (discounted) cache prices — and `totalTokens` is that
 * plus `outputTokens`. The cache figures are kept in `cachedInputTokens` and
 * `cacheWriteInputTokens` when Bedrock reports them.
 *
 * @param usage - `usage` of a Converse response or of the stream's `metadata` event.
 */
export function mapBedrockUsage(usage: BedrockTokenUsage | undefined): Usage {
  if (usage === undefined) return EMPTY_USAGE;
  const cacheRead = count(usage.cacheReadInputTokens);
  const cacheWrite = count(usage.cacheWriteInputTokens);
  const inputTokens = count(usage.inputTokens) + cacheRead + cacheWrite;
  const outputTokens = count(usage.outputTokens);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(usage.cacheReadInputTokens !== undefined && { cachedInputTokens: cacheRead }),
    ...(usage.cacheWriteInputTokens !== undefined && { cacheWriteInputTokens: cacheWrite }),
  };
}
