import type { AwsCredentials } from '../aws-credentials.js';
import type { BedrockConfig } from '../bedrock-config.js';
import { BearerAuth } from './bearer-auth.js';
import type { BedrockAuth } from './bedrock-auth.js';
import { CredentialCache } from './credential-cache.js';
import {
  type CredentialProvidersLoader,
  loadDefaultCredentialProvider,
} from './load-default-credential-provider.js';
import { SigV4Auth } from './sigv4-auth.js';

/** What `createBedrockAuth` takes besides the configuration. */
export interface CreateBedrockAuthOptions {
  /** Imports `@aws-sdk/credential-providers` for the default chain; tests replace it. */
  readonly loadCredentialProviders?: CredentialProvidersLoader;
}

/**
 * Chooses how requests are authenticated: a Bedrock API key when `apiKey` is configured, else
 * SigV4 with the configured credentials (a fixed set or a provider function), else with the
 * standard AWS chain, whose package is imported lazily on the first request.
 *
 * @param config - The validated configuration.
 * @param endpoint - The runtime endpoint URL requests go to.
 */
export function createBedrockAuth(
  config: BedrockConfig,
  endpoint: URL,
  options: CreateBedrockAuthOptions = {},
): BedrockAuth {
  if (config.apiKey !== undefined) return new BearerAuth(config.apiKey);
  const configured = config.credentials;
  let load: () => Promise<unknown>;
  if (typeof configured === 'function') load = configured;
  else if (configured !== undefined) {
    const fixed: AwsCredentials = configured as AwsCredentials;
    load = () => Promise.resolve(fixed);
  } else {
    let chain: Promise<() => Promise<unknown>> | undefined;
    load = async () => {
      // a failed import is retried on the next request instead of being cached
      chain ??= loadDefaultCredentialProvider(options.loadCredentialProviders).catch((error: unknown) => {
        chain = undefined;
        throw error;
      });
      return (await chain)();
    };
  }
  const port = endpoint.port === '' ? undefined : Number(endpoint.port);
  return new SigV4Auth(
    // the schema requires a region whenever credentials are used
    config.region as string,
    { protocol: endpoint.protocol, hostname: endpoint.hostname, host: endpoint.host, port },
    new CredentialCache(load),
    typeof configured !== 'object',
  );
}
