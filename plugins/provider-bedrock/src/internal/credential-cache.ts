import { abortError, ConfigError, ConnectorError, maskSecrets } from '@hub/core';
import { untilAborted } from '@hub/provider-utils';
import type { AwsCredentials } from '../aws-credentials.js';
import { BEDROCK_PROVIDER_ID } from '../bedrock-config.js';

/** Credentials with less than this left are refreshed before use, as the AWS SDKs do. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

function credentialError(message: string, cause?: unknown): ConnectorError {
  return new ConnectorError('authentication', message, {
    providerId: BEDROCK_PROVIDER_ID,
    ...(cause !== undefined && { cause }),
  });
}

const whileFetching = (signal: AbortSignal): ConnectorError =>
  abortError(signal, { providerId: BEDROCK_PROVIDER_ID, during: 'fetching AWS credentials' });

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number' || typeof value === 'string') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

function normalize(value: unknown): AwsCredentials {
  const fields = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { accessKeyId, secretAccessKey, sessionToken } = fields;
  if (
    typeof accessKeyId !== 'string' ||
    accessKeyId === '' ||
    typeof secretAccessKey !== 'string' ||
    secretAccessKey === ''
  ) {
    throw credentialError('The AWS credential provider returned no accessKeyId and secretAccessKey.');
  }
  const expiration = toDate(fields.expiration);
  return {
    accessKeyId,
    secretAccessKey,
    ...(typeof sessionToken === 'string' && sessionToken !== '' && { sessionToken }),
    ...(expiration !== undefined && { expiration }),
  };
}

/**
 * Caches the credentials a provider function returns and refreshes them before they expire:
 * credentials with less than five minutes left are replaced on the next `get`, and concurrent
 * callers share one refresh (the provider is never called twice at once). When a refresh fails
 * while the old credentials are still valid, the old ones are used.
 */
export class CredentialCache {
  readonly #load: () => Promise<unknown>;
  readonly #now: () => number;
  #current: AwsCredentials | undefined;
  #refreshing: Promise<AwsCredentials> | undefined;

  /**
   * @param load - Returns fresh credentials (an AWS SDK credential provider, or a wrapper).
   * @param now - The clock, epoch milliseconds.
   */
  constructor(load: () => Promise<unknown>, now: () => number = Date.now) {
    this.#load = load;
    this.#now = now;
  }

  /**
   * Credentials with at least five minutes left (or without expiry). The refresh runs on its own:
   * aborting `signal` rejects this call with `cancelled` but lets other callers still use it.
   *
   * @throws ConnectorError `authentication` when the provider fails or returns no keys.
   */
  get(signal?: AbortSignal): Promise<AwsCredentials> {
    const current = this.#current;
    if (current !== undefined && !this.#expiresSoon(current))
      return untilAborted(Promise.resolve(current), signal, whileFetching);
    if (this.#refreshing === undefined) {
      const refreshing = this.#refresh(current);
      this.#refreshing = refreshing;
      const clear = (): void => {
        if (this.#refreshing === refreshing) this.#refreshing = undefined;
      };
      refreshing.then(clear, clear);
    }
    return untilAborted(this.#refreshing, signal, whileFetching);
  }

  /** Drops the cached credentials, so the next `get` asks the provider again. */
  invalidate(): void {
    this.#current = undefined;
  }

  async #refresh(previous: AwsCredentials | undefined): Promise<AwsCredentials> {
    let loaded: unknown;
    try {
      loaded = await this.#load();
    } catch (error) {
      if (previous !== undefined && !this.#expired(previous)) return previous;
      // a missing optional package says how to fix it; it is no credential problem
      if (ConfigError.isConfigError(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw credentialError(`Could not load AWS credentials: ${maskSecrets(reason)}`, error);
    }
    const credentials = normalize(loaded);
    this.#current = credentials;
    return credentials;
  }

  #expiresSoon(credentials: AwsCredentials): boolean {
    return (
      credentials.expiration !== undefined &&
      credentials.expiration.getTime() - this.#now() < REFRESH_MARGIN_MS
    );
  }

  #expired(credentials: AwsCredentials): boolean {
    return credentials.expiration !== undefined && credentials.expiration.getTime() <= this.#now();
  }
}
