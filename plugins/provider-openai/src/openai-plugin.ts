import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { createOpenAIProvider, type OpenAIProviderOptions } from './openai-provider.js';
import { PACKAGE_VERSION } from './package-version.js';

/**
 * The OpenAI plugin: registers one OpenAI provider (id `openai` unless `providerId` says
 * otherwise). Options are validated when this runs, before any I/O; explicit options win over
 * `OPENAI_*` environment variables. `hub.close()` closes its connections.
 *
 * @example
 * ```ts
 * const hub = createHub({ plugins: [openai()] }); // reads OPENAI_API_KEY
 * const answer = await hub.complete({
 *   model: 'openai/gpt-4o-mini',
 *   messages: [{ role: 'user', content: 'Say hello.' }],
 * });
 * ```
 *
 * @param options - Configuration; see `openAIConfig` for every field and variable.
 * @returns The plugin.
 * @throws ConfigError naming each invalid field (missing key, malformed base URL, …).
 */
export function openai(options: OpenAIProviderOptions = {}): ConnectorPlugin {
  const provider = createOpenAIProvider(options);
  return definePlugin({
    // unique per provider id, so several OpenAI accounts can be registered in one hub
    name:
      provider.providerId === 'openai'
        ? '@hub/provider-openai'
        : `@hub/provider-openai:${provider.providerId}`,
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addProvider(provider);
    },
    dispose: () => provider.close?.(),
  });
}
