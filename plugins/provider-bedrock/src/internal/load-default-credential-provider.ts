import { ConfigError } from '@hub/core';
import type { AwsCredentialProvider } from '../aws-credentials.js';

/** The optional peer dependency that provides the standard AWS credential chain. */
export const CREDENTIAL_PROVIDERS_PACKAGE = '@aws-sdk/credential-providers';

/** The part of `@aws-sdk/credential-providers` this package uses, typed here so it stays optional. */
export interface CredentialProvidersModule {
  fromNodeProviderChain(): AwsCredentialProvider;
}

/** Imports `@aws-sdk/credential-providers`; tests replace it to simulate a missing package. */
export type CredentialProvidersLoader = () => Promise<CredentialProvidersModule>;

function importCredentialProviders(): Promise<CredentialProvidersModule> {
  // a literal specifier keeps bundlers aware of the optional peer dependency
  return import('@aws-sdk/credential-providers') as Promise<CredentialProvidersModule>;
}

/**
 * The standard AWS credential chain (`fromNodeProviderChain`: environment variables, SSO, shared
 * config and credentials files, credential_process, web identity, ECS and EC2 instance roles).
 * `@aws-sdk/credential-providers` is an optional peer dependency imported on first use only, so
 * applications that pass credentials or an API key never load it, and need not install it.
 *
 * @param load - Imports the package; default `import('@aws-sdk/credential-providers')`.
 * @throws ConfigError naming `credentials` when the package is not installed, saying how to fix it.
 */
export async function loadDefaultCredentialProvider(
  load: CredentialProvidersLoader = importCredentialProviders,
): Promise<AwsCredentialProvider> {
  let module: CredentialProvidersModule;
  try {
    module = await load();
  } catch (error) {
    throw new ConfigError(
      `AWS credentials from the default chain need the optional peer dependency ${CREDENTIAL_PROVIDERS_PACKAGE} (npm install ${CREDENTIAL_PROVIDERS_PACKAGE}); or pass credentials, or a Bedrock apiKey.`,
      { path: 'credentials', cause: error },
    );
  }
  return module.fromNodeProviderChain();
}
