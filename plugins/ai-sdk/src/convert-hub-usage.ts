import type { LanguageModelV3Usage } from '@ai-sdk/provider';
import type { Usage } from '@hub/core';

/**
 * Converts hub usage to the AI SDK's. The hub's `inputTokens` includes cache reads and writes, so
 * `noCache` is what remains after both; `outputTokens` includes reasoning, so `text` is what
 * remains after it. Figures the provider did not report stay `undefined` (never a made-up 0), and
 * a call without any usage reports every figure as `undefined`.
 */
export function convertHubUsage(usage: Usage | undefined): LanguageModelV3Usage {
  if (usage === undefined) {
    return {
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    };
  }
  const cacheRead = usage.cachedInputTokens;
  const cacheWrite = usage.cacheWriteInputTokens;
  const reasoning = usage.reasoningTokens;
  const raw: Record<string, number> = {};
  for (const [key, value] of Object.entries(usage)) if (typeof value === 'number') raw[key] = value;
  return {
    inputTokens: {
      total: usage.inputTokens,
      noCache: Math.max(0, usage.inputTokens - (cacheRead ?? 0) - (cacheWrite ?? 0)),
      cacheRead,
      cacheWrite,
    },
    outputTokens: {
      total: usage.outputTokens,
      text: Math.max(0, usage.outputTokens - (reasoning ?? 0)),
      reasoning,
    },
    raw,
  };
}
