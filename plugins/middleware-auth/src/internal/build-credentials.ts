import { ConfigError } from '@hub/core';
import type { Credentials } from '../credentials-provider.js';

// RFC 9110 token characters: anything else cannot be a header name
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// a CR, LF or NUL inside a header value would let a secret inject extra headers
const UNSAFE_VALUE = /[\r\n\0]/;

/** Where the credential goes: a header name and an optional scheme before the secret. */
export interface HeaderPlacement {
  readonly header: string;
  /** Prefix such as `Bearer`; undefined sends the secret alone. */
  readonly scheme: string | undefined;
}

/**
 * Resolves and checks the `header` and `scheme` options: the header defaults to `authorization`,
 * whose scheme defaults to `Bearer`; other headers (`x-api-key`) carry the bare secret unless a
 * scheme is given. `null` disables the scheme.
 */
export function resolvePlacement(
  options: { readonly header?: string | undefined; readonly scheme?: string | null | undefined },
  subject: string,
): HeaderPlacement {
  const header = (options.header ?? 'authorization').toLowerCase();
  if (
    typeof options.header !== 'undefined' &&
    (typeof options.header !== 'string' || !HEADER_NAME.test(header))
  ) {
    throw new ConfigError(
      `${subject}: "header" must be an HTTP header name such as "authorization" or "x-api-key".`,
      {
        path: 'header',
      },
    );
  }
  const scheme =
    options.scheme === null
      ? undefined
      : (options.scheme ?? (header === 'authorization' ? 'Bearer' : undefined));
  if (scheme !== undefined && (typeof scheme !== 'string' || !HEADER_NAME.test(scheme))) {
    throw new ConfigError(`${subject}: "scheme" must be a single word such as "Bearer", or null for none.`, {
      path: 'scheme',
    });
  }
  return { header, scheme };
}

/** True when `secret` can be sent in a header. The secret itself never appears in a message. */
export function isUsableSecret(secret: unknown): secret is string {
  return typeof secret === 'string' && secret.trim() !== '' && !UNSAFE_VALUE.test(secret);
}

/** Builds frozen credentials carrying `secret` as `placement` says. */
export function buildCredentials(
  placement: HeaderPlacement,
  secret: string,
  expiresAt?: number,
): Credentials {
  const value = placement.scheme === undefined ? secret : `${placement.scheme} ${secret}`;
  const headers = Object.freeze({ [placement.header]: value });
  return Object.freeze(expiresAt === undefined ? { headers } : { headers, expiresAt });
}
