import type { LanguageModelV3FinishReason } from '@ai-sdk/provider';
import type { FinishReason } from '@hub/core';

const UNIFIED: Readonly<Record<FinishReason, LanguageModelV3FinishReason['unified']>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  content_filter: 'content-filter',
  error: 'error',
  other: 'other',
};

/** The AI SDK finish reason of a hub finish reason; `raw` keeps the hub's spelling. */
export function mapHubFinishReason(reason: FinishReason): LanguageModelV3FinishReason {
  return { unified: UNIFIED[reason] ?? 'other', raw: reason };
}
