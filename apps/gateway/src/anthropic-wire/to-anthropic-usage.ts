import type { Usage } from '@hub/core';

/** Anthropic's usage object. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

/**
 * A unified usage as Anthropic's. Anthropic counts cache reads and writes apart from
 * `input_tokens`, while the unified `inputTokens` includes them, so they are taken back out.
 */
export function toAnthropicUsage(usage: Usage): AnthropicUsage {
  const cacheRead = usage.cachedInputTokens;
  const cacheWrite = usage.cacheWriteInputTokens;
  return {
    input_tokens: Math.max(0, usage.inputTokens - (cacheRead ?? 0) - (cacheWrite ?? 0)),
    output_tokens: usage.outputTokens,
    ...(cacheRead !== undefined && { cache_read_input_tokens: cacheRead }),
    ...(cacheWrite !== undefined && { cache_creation_input_tokens: cacheWrite }),
  };
}
