import { randomBytes } from 'node:crypto';

const GENERATED_ID = /^call_[0-9a-f]{16}$/;

/**
 * Creates an id for a function call Gemini returned without one (`call_` and 16 hex digits).
 * Ids are random rather than counted per response, so they stay unique across the turns of a
 * conversation; some providers a conversation may fall back to reject repeated tool call ids.
 */
export function generateGeminiCallId(): string {
  return `call_${randomBytes(8).toString('hex')}`;
}

/**
 * Whether a tool call id was made by `generateGeminiCallId`. Such ids are never sent to Gemini
 * (it matches results to calls by name and order); ids Gemini assigned itself are sent back on
 * the `functionCall` and its `functionResponse`, as the API asks.
 */
export function isGeneratedGeminiCallId(id: string): boolean {
  return GENERATED_ID.test(id);
}
