import { ConnectorError, maskSecrets } from '@hub/core';
import { classifyAnthropicError } from './classify-anthropic-error.js';

const MAX_MESSAGE_LENGTH = 500;

/**
 * Turns an `event: error` that arrived inside a 200 stream
 * (`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`) into the
 * `ConnectorError` the stream throws. The code is the one of the HTTP error Anthropic documents
 * for that `error.type` (`overloaded_error` → `overloaded`, retryable; `api_error` → `provider`,
 * retryable; see `classifyAnthropicError`); the error has no `status`, because the HTTP status
 * was 200.
 *
 * @param payload - The event's parsed `data`.
 * @param secrets - Credentials to mask out of the message (the configured API key).
 * @param model - The model of the request, set on the error.
 */
export function mapAnthropicStreamError(
  payload: unknown,
  secrets: readonly string[] = [],
  model?: string,
): ConnectorError {
  const error =
    typeof payload === 'object' && payload !== null ? (payload as { error?: unknown }).error : undefined;
  const fields = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const type = typeof fields.type === 'string' ? fields.type : undefined;
  const rawMessage = typeof fields.message === 'string' && fields.message !== '' ? fields.message : undefined;
  const code = classifyAnthropicError(undefined, type, rawMessage);
  const detail = rawMessage ?? type ?? 'unknown error';
  const clipped = detail.length > MAX_MESSAGE_LENGTH ? `${detail.slice(0, MAX_MESSAGE_LENGTH)}…` : detail;
  return new ConnectorError(code, maskSecrets(`Stream error: ${clipped}`, secrets), {
    providerId: 'anthropic',
    ...(model !== undefined && { model }),
    ...(type !== undefined && { providerCode: maskSecrets(type, secrets) }),
  });
}
