/** What a provider said about an error, read from a JSON body of unknown shape. */
export interface ProviderErrorDetails {
  readonly message: string | undefined;
  readonly providerCode: string | undefined;
}

const NO_DETAILS: ProviderErrorDetails = { message: undefined, providerCode: undefined };

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads the message and error code from the common error envelopes: OpenAI
 * `{ error: { message, type, code } }`, Anthropic `{ type: 'error', error: { type, message } }`,
 * Google `{ error: { code, message, status } }` (also wrapped in an array), and flat
 * `{ message }`, `{ error: '…' }` or `{ detail: '…' }` bodies.
 */
export function extractProviderError(bodyJson: unknown): ProviderErrorDetails {
  const root = asRecord(Array.isArray(bodyJson) ? bodyJson[0] : bodyJson);
  if (root === undefined) return NO_DETAILS;
  const nested = asRecord(root.error);
  if (nested !== undefined) {
    return {
      message: asText(nested.message),
      // OpenAI's `code` is the finer one (`insufficient_quota`) and is null for many errors
      providerCode: asText(nested.code) ?? asText(nested.type) ?? asText(nested.status),
    };
  }
  return {
    message: asText(root.message) ?? asText(root.error) ?? asText(root.detail),
    providerCode: asText(root.code) ?? asText(root.type),
  };
}
