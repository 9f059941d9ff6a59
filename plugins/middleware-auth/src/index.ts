/**
 * @packageDocumentation
 * @module @hub/middleware-auth
 * @document ../README.md
 */

// The public API of @hub/middleware-auth, listed explicitly: an API change is one visible diff here.

export { type AuthOptions, auth } from './auth.js';
export { authPlugin } from './auth-plugin.js';
export type { CredentialHeader } from './credential-header.js';
export type { Credentials, CredentialsProvider, GetCredentialsOptions } from './credentials-provider.js';
export { type EnvKeyOptions, envKey } from './env-key.js';
export { type FetchedToken, type RefreshingTokenOptions, refreshingToken } from './refreshing-token.js';
export { type StaticKeyOptions, staticKey } from './static-key.js';
