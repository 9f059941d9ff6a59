import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { type AzureOpenAIProviderOptions, createAzureOpenAIProvider } from './azure-openai-provider.js';
import { PACKAGE_VERSION } from './package-version.js';

/**
 * The Azure OpenAI plugin: registers one provider (id `azure-openai` unless `providerId` says
 * otherwise; register several under different ids for several resources). Validated at once.
 *
 * @example
 * ```ts
 * const hub = createHub({
 *   plugins: [
 *     azureOpenAI({
 *       endpoint: 'https://my-resource.openai.azure.com',
 *       apiVersion: '2024-10-21',
 *       deployments: { 'gpt-4o-mini': 'prod-gpt4o-mini' },
 *     }),
 *   ],
 * });
 * await hub.complete({ model: 'azure-openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * ```
 *
 * @param options - Endpoint, API version, deployments and `apiKey` or `tokenProvider`.
 * @returns The plugin.
 * @throws ConfigError naming each invalid field.
 */
export function azureOpenAI(options: AzureOpenAIProviderOptions = {}): ConnectorPlugin {
  const provider = createAzureOpenAIProvider(options);
  return definePlugin({
    // unique per provider id, so several Azure resources can be registered in one hub
    name: `@hub/provider-openai:${provider.providerId}`,
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addProvider(provider);
    },
    dispose: () => provider.close?.(),
  });
}
