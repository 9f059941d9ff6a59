import { type ConnectorPlugin, definePlugin } from '@hub/core';
import {
  createOpenAICompatibleProvider,
  type OpenAICompatibleOptions,
} from './create-openai-compatible-provider.js';
import { PACKAGE_VERSION } from './package-version.js';

/**
 * The OpenAI-compatible plugin: registers one provider for a compatible server. Register it once
 * per server, each with its own provider id (the preset name by default). Options are validated
 * when this runs, before any I/O.
 *
 * @example
 * ```ts
 * const hub = createHub({
 *   plugins: [openaiCompatible({ preset: 'ollama' }), openaiCompatible({ preset: 'groq' })],
 * });
 * await hub.complete({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'Hi' }] });
 * ```
 *
 * @param options - `preset`, or `providerId` and `baseUrl`; key, headers, models, quirks.
 * @returns The plugin, named `@hub/provider-openai-compatible:<providerId>`.
 * @throws ConfigError naming each invalid field.
 */
export function openaiCompatible(options: OpenAICompatibleOptions = {}): ConnectorPlugin {
  const provider = createOpenAICompatibleProvider(options);
  return definePlugin({
    // unique per provider id, so several compatible servers can be registered in one hub
    name: `@hub/provider-openai-compatible:${provider.providerId}`,
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addProvider(provider);
    },
    dispose: () => provider.close?.(),
  });
}
