import type { FinishReason } from '@hub/core';

// Reasons Gemini gives when a safety, recitation or policy system withheld or cut the output
const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

// Reasons that mean the model failed to produce a usable tool call
const FAILED = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/**
 * Maps a Gemini `finishReason` to the unified reason:
 *
 * | Gemini | unified |
 * | --- | --- |
 * | `STOP` | `stop`, or `tool_calls` when the answer holds function calls |
 * | `MAX_TOKENS` | `length` |
 * | `SAFETY`, `RECITATION`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`, `IMAGE_SAFETY`, … | `content_filter` |
 * | `MALFORMED_FUNCTION_CALL`, `UNEXPECTED_TOOL_CALL`, `TOO_MANY_TOOL_CALLS` | `error` |
 * | `OTHER`, `LANGUAGE`, `FINISH_REASON_UNSPECIFIED`, anything new | `other` |
 *
 * @param reason - The candidate's `finishReason`.
 * @param hasFunctionCalls - Whether the candidate's parts include a `functionCall`.
 */
export function mapGeminiFinishReason(reason: string, hasFunctionCalls: boolean): FinishReason {
  if (reason === 'STOP') return hasFunctionCalls ? 'tool_calls' : 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (FILTERED.has(reason)) return 'content_filter';
  if (FAILED.has(reason)) return 'error';
  return 'other';
}
