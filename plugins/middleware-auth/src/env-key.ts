import { ConfigError } from '@hub/core';
import type { CredentialHeader } from './credential-header.js';
import type { Credentials, CredentialsProvider } from './credentials-provider.js';
import { buildCredentials, isUsableSecret, resolvePlacement } from './internal/build-credentials.js';

/** Options of `envKey`. */
export interface EnvKeyOptions {
  /** Name of the environment variable holding the key, for example `OPENAI_API_KEY`. */
  readonly variable: string;
  /** Header that carries the key. Default `authorization`. */
  readonly header?: CredentialHeader;
  /**
   * Word before the key, as in `Bearer <key>`. Default `Bearer` for `authorization` and none for
   * other headers; `null` sends the bare key in `authorization` too.
   */
  readonly scheme?: string | null;
  /** The environment to read. Default `process.env`; tests pass their own object. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Credentials from an environment variable, read at every call: a key rotated in the
 * environment (for example by a secrets sidecar that updates `process.env`) is used by the next
 * request without a restart, and a 401 is retried once when the value changed since.
 *
 * @throws ConfigError at creation when `variable` is not a valid name or `header` / `scheme` is
 *   invalid. `getCredentials` rejects with a `ConfigError` naming the variable (never its value)
 *   when it is unset, blank or contains a line break.
 */
export function envKey(options: EnvKeyOptions): CredentialsProvider {
  const subject = 'envKey';
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(`${subject}: options must be an object with a "variable".`, { path: '' });
  }
  const { variable } = options;
  if (typeof variable !== 'string' || !VARIABLE_NAME.test(variable)) {
    throw new ConfigError(
      `${subject}: "variable" must be an environment variable name such as "OPENAI_API_KEY".`,
      {
        path: 'variable',
      },
    );
  }
  const placement = resolvePlacement(options, subject);
  const env = options.env ?? process.env;
  // the same value yields the same object, so callers can tell "unchanged" from "rotated" cheaply
  let last: { readonly secret: string; readonly credentials: Credentials } | undefined;
  return {
    getCredentials() {
      const raw = env[variable];
      const secret = raw?.trim();
      if (secret === undefined || secret === '') {
        return Promise.reject(
          new ConfigError(`Environment variable ${variable} is not set; it must hold the API key.`, {
            path: variable,
          }),
        );
      }
      if (!isUsableSecret(secret)) {
        return Promise.reject(
          new ConfigError(
            `Environment variable ${variable} contains a line break; it must hold only the API key.`,
            {
              path: variable,
            },
          ),
        );
      }
      if (last?.secret !== secret) last = { secret, credentials: buildCredentials(placement, secret) };
      return Promise.resolve(last.credentials);
    },
  };
}
