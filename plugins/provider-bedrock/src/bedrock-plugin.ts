import { type ConnectorPlugin, definePlugin } from '@hub/core';
import type { BedrockOptions } from './bedrock-config.js';
import { createBedrockProvider } from './bedrock-provider.js';
import { PACKAGE_VERSION } from './package-version.js';

/** The plugin's name, as registered with a hub. */
export const BEDROCK_PLUGIN_NAME = '@hub/provider-bedrock';

/**
 * The Amazon Bedrock plugin: registers the `aws-bedrock` provider (see `createBedrockProvider`)
 * and closes its connections when the hub is closed. Options fall back to `AWS_REGION` /
 * `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` and `AWS_BEARER_TOKEN_BEDROCK`, and are
 * validated here, before any I/O; AWS credentials default to the standard chain.
 *
 * @example
 * ```ts
 * const hub = createHub({ plugins: [bedrock({ region: 'us-east-1' })] });
 * const response = await hub.complete({
 *   model: 'aws-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 * ```
 *
 * @param options - Region, credentials or API key, endpoint and default timeout.
 * @throws ConfigError naming each invalid field (for example `region` when none is configured).
 */
export function bedrock(options: BedrockOptions = {}): ConnectorPlugin {
  const provider = createBedrockProvider(options);
  return definePlugin({
    name: BEDROCK_PLUGIN_NAME,
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addProvider(provider);
    },
    dispose: () => provider.close?.(),
  });
}
