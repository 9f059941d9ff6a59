import { maskSecrets } from '@hub/core';

// a SigV4 signature (hex HMAC) as it appears in an Authorization header or a presigned URL
const SIGNATURE = /(Signature=)[0-9a-fA-F]{16,}/g;

/**
 * Masks the given credential values, anything shaped like a credential (AWS access key ids,
 * bearer tokens, …) and SigV4 signatures out of a text that may echo a request back.
 */
export function redactAwsSecrets(text: string, secrets: readonly string[]): string {
  return maskSecrets(text, secrets).replace(SIGNATURE, '$1[REDACTED]');
}
