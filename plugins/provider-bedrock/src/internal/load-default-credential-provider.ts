import type { AwsCredentialProvider } from '../aws-credentials.js';

/**
 * The standard AWS credential chain (`fromNodeProviderChain`: environment variables, SSO, shared
 * config and credentials files, credential_process, web identity, ECS and EC2 instance roles).
 * `@aws-sdk/credential-providers` is imported on first use only, so applications that pass
 * credentials or an API key never load it.
 */
export async function loadDefaultCredentialProvider(): Promise<AwsCredentialProvider> {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  return fromNodeProviderChain();
}
