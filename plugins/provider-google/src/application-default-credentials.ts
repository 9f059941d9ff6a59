import { abortError, ConfigError } from '@hub/core';
import { untilAborted } from '@hub/provider-utils';
import type { AccessToken, TokenProvider } from './token-provider.js';

/** The OAuth scope Vertex AI needs. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

// Used when the auth client does not say when its token expires; short, so it is re-asked soon
// (google-auth-library caches and refreshes its own token, so asking again is cheap)
const UNKNOWN_EXPIRY_MS = 5 * 60_000;

/** The part of `google-auth-library` this package uses, typed here so it stays optional. */
interface AuthClientLike {
  getAccessToken(): Promise<{ token?: string | null }>;
  readonly credentials?: { readonly expiry_date?: number | null };
}

interface GoogleAuthLike {
  getClient(): Promise<AuthClientLike>;
}

/** What `import('google-auth-library')` provides. */
export interface GoogleAuthLibrary {
  readonly GoogleAuth: new (options: {
    scopes: string[];
    credentials?: Record<string, unknown>;
  }) => GoogleAuthLike;
}

/** Options of `applicationDefaultCredentials`. */
export interface ApplicationDefaultCredentialsOptions {
  /**
   * A credentials JSON object (service account key, external account, authorized user). Absent:
   * Application Default Credentials are discovered (`GOOGLE_APPLICATION_CREDENTIALS`, the gcloud
   * user credentials file, then the metadata server on Google Cloud).
   */
  readonly credentials?: Readonly<Record<string, unknown>>;
  /** Set on errors; default `google-vertex`. */
  readonly providerId?: string;
  /** Loads the library; default `import('google-auth-library')`. Tests replace it. */
  readonly loadLibrary?: () => Promise<GoogleAuthLibrary>;
}

async function importGoogleAuthLibrary(): Promise<GoogleAuthLibrary> {
  // a literal specifier keeps bundlers aware of the optional peer dependency
  return (await import('google-auth-library')) as unknown as GoogleAuthLibrary;
}

/**
 * A `TokenProvider` backed by `google-auth-library` (Application Default Credentials, or the
 * given credentials JSON), with the `cloud-platform` scope. The library is imported lazily, on
 * the first token fetch, so applications that pass their own `tokenProvider` never load it (and
 * need not install it). Its auth client is created once and reused; the library caches and
 * refreshes its token itself, and the expiry it reports (`credentials.expiry_date`) becomes
 * `expiresAt`.
 *
 * @param options - Credentials JSON, provider id, library loader.
 * @returns The token provider; nothing is loaded or fetched until it is called.
 * @throws ConfigError (from the returned function) when `google-auth-library` is not installed.
 */
export function applicationDefaultCredentials(
  options: ApplicationDefaultCredentialsOptions = {},
): TokenProvider {
  const providerId = options.providerId ?? 'google-vertex';
  const load = options.loadLibrary ?? importGoogleAuthLibrary;
  let client: Promise<AuthClientLike> | undefined;

  const createClient = async (): Promise<AuthClientLike> => {
    let library: GoogleAuthLibrary;
    try {
      library = await load();
    } catch (error) {
      throw new ConfigError(
        `Application Default Credentials (${providerId}) need the optional peer dependency google-auth-library (npm install google-auth-library), or pass a tokenProvider.`,
        { path: 'tokenProvider', cause: error },
      );
    }
    const auth = new library.GoogleAuth({
      scopes: [CLOUD_PLATFORM_SCOPE],
      ...(options.credentials !== undefined && { credentials: { ...options.credentials } }),
    });
    return auth.getClient();
  };

  return async (signal: AbortSignal): Promise<AccessToken> => {
    if (client === undefined) {
      const created = createClient();
      client = created;
      // a failed setup (no credentials found) is retried by the next fetch
      created.catch(() => {
        if (client === created) client = undefined;
      });
    }
    // google-auth-library takes no signal: its fetch is left to finish, the result discarded
    const aborted = (stopped: AbortSignal) =>
      abortError(stopped, { providerId, during: 'fetching an access token' });
    const authClient = await untilAborted(client, signal, aborted);
    const { token } = await untilAborted(authClient.getAccessToken(), signal, aborted);
    if (typeof token !== 'string' || token === '') {
      throw new Error('google-auth-library returned no access token');
    }
    const expiry = authClient.credentials?.expiry_date;
    return {
      token,
      expiresAt:
        typeof expiry === 'number' && Number.isFinite(expiry) ? expiry : Date.now() + UNKNOWN_EXPIRY_MS,
    };
  };
}
