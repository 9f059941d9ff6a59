import { ConnectorError } from '@hub/core';
import { assertNestingDepth } from './assert-nesting-depth.js';

/**
 * Parses a unified tool call's JSON arguments for providers that take them as an object
 * (Anthropic `tool_use.input`, Bedrock `toolUse.input`, Gemini `functionCall.args`). An empty
 * string means no arguments: other providers' models emit it for argument-less calls.
 *
 * @param field - Dotted request path of the arguments (`ConnectorError.field`).
 * @param label - How the message names the field, when a provider's messages use another notation.
 * @throws ConnectorError `invalid_request` naming `field`, before any network I/O, when the text is
 * not JSON, not a JSON object, or nested deeper than `MAX_NESTING_DEPTH`.
 */
export function parseToolArguments(
  text: string,
  field: string,
  providerId: string,
  label: string = field,
): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    // JSON.parse itself does not recurse; serializing what it returns does, hence the depth check
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    assertNestingDepth(value, field, providerId);
    return value as Record<string, unknown>;
  }
  throw new ConnectorError(
    'invalid_request',
    `${label} must be JSON text of an object: this provider takes tool-call arguments as an object.`,
    { field, providerId },
  );
}
