import type { Usage } from '@hub/core';
import type { AnthropicUsage } from './anthropic-wire-types.js';

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Maps Anthropic's usage to the unified `Usage`. Anthropic's `input_tokens` counts only the
 * prompt tokens after the last cache breakpoint, so the unified `inputTokens` (every prompt
 * token, cached or not) is `input_tokens + cache_read_input_tokens +
 * cache_creation_input_tokens`; the cache figures are also reported on their own as
 * `cachedInputTokens` (reads) and `cacheWriteInputTokens` (writes) when the API sent them.
 *
 * @param usage - The wire usage; absent fields count as zero.
 */
export function mapAnthropicUsage(usage: AnthropicUsage | undefined): Usage {
  const uncached = count(usage?.input_tokens);
  const cacheRead = count(usage?.cache_read_input_tokens);
  const cacheWrite = count(usage?.cache_creation_input_tokens);
  const inputTokens = uncached + cacheRead + cacheWrite;
  const outputTokens = count(usage?.output_tokens);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(typeof usage?.cache_read_input_tokens === 'number' && { cachedInputTokens: cacheRead }),
    ...(typeof usage?.cache_creation_input_tokens === 'number' && { cacheWriteInputTokens: cacheWrite }),
  };
}
