import { ConfigError } from '@hub/core';
import type { CredentialHeader } from './credential-header.js';
import type { Credentials, CredentialsProvider } from './credentials-provider.js';
import { buildCredentials, isUsableSecret, resolvePlacement } from './internal/build-credentials.js';

/** Options of `staticKey`. */
export interface StaticKeyOptions {
  /** The API key. Never appears in errors or logs. */
  readonly key: string;
  /** Header that carries the key. Default `authorization`. */
  readonly header?: CredentialHeader;
  /**
   * Word before the key, as in `Bearer <key>`. Default `Bearer` for `authorization` and none for
   * other headers; `null` sends the bare key in `authorization` too.
   */
  readonly scheme?: string | null;
}

/**
 * Credentials from a fixed API key, for keys loaded once at startup (from a secret manager, for
 * example). A forced refresh returns the same key, so the `auth` middleware does not retry
 * a 401 with it.
 *
 * @throws ConfigError naming the field when `key` is empty, not a string or contains a line
 *   break, or when `header` / `scheme` is not a valid header token. The key is never quoted.
 */
export function staticKey(options: StaticKeyOptions): CredentialsProvider {
  const subject = 'staticKey';
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(`${subject}: options must be an object with a "key".`, { path: '' });
  }
  if (!isUsableSecret(options.key)) {
    throw new ConfigError(`${subject}: "key" must be a non-empty string without line breaks.`, {
      path: 'key',
    });
  }
  const credentials: Credentials = buildCredentials(resolvePlacement(options, subject), options.key);
  return {
    getCredentials: () => Promise.resolve(credentials),
  };
}
