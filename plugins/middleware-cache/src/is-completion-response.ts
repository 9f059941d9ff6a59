import type { CompletionResponse, FinishReason } from '@hub/core';

const FINISH_REASONS: ReadonlySet<FinishReason> = new Set<FinishReason>([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'error',
  'other',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

function isContentPart(value: unknown): boolean {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'text':
      return typeof value.text === 'string';
    case 'reasoning':
      return typeof value.text === 'string' && isOptionalString(value.signature);
    case 'tool-call':
      return (
        typeof value.id === 'string' && typeof value.name === 'string' && typeof value.arguments === 'string'
      );
    default:
      return false;
  }
}

/**
 * Whether `value` has the shape of a `CompletionResponse`: the check a cache runs on anything it
 * reads back, so a corrupt or foreign entry is treated as a miss instead of reaching a caller.
 */
export function isCompletionResponse(value: unknown): value is CompletionResponse {
  if (!isRecord(value)) return false;
  if (
    typeof value.id !== 'string' ||
    typeof value.provider !== 'string' ||
    typeof value.model !== 'string' ||
    typeof value.text !== 'string' ||
    !FINISH_REASONS.has(value.finishReason as FinishReason) ||
    !isOptionalString(value.refusal)
  ) {
    return false;
  }
  const usage = value.usage;
  if (
    !isRecord(usage) ||
    !isCount(usage.inputTokens) ||
    !isCount(usage.outputTokens) ||
    !isCount(usage.totalTokens)
  ) {
    return false;
  }
  return Array.isArray(value.content) && value.content.every(isContentPart);
}
