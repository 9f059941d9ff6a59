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
 * @returns The authentication of requests to one endpoint (the runtime, the control plane); every
 *   endpoint shares one credential cache, so credentials are fetched and refreshed once.
 */
export function createBedrockAuth(
  config: BedrockConfig,
  options: CreateBedrockAuthOptions = {},
): (endpoint: URL) => BedrockAuth {
  const { apiKey } = config;
  if (apiKey !== undefined) {
    const bearer = new BearerAuth(apiKey);
    return () => bearer;
  }
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
  const credentials = new CredentialCache(load);
  return (endpoint) =>
    new SigV4Auth(
      // the schema requires a region whenever credentials are used
      config.region as string,
      {
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        host: endpoint.host,
        port: endpoint.port === '' ? undefined : Number(endpoint.port),
      },
      credentials,
      typeof configured !== 'object',
    );
}
