import { type ConnectorPlugin, definePlugin } from '@hub/core';
import type { AnthropicOptions } from './anthropic-config.js';
import { createAnthropicProvider } from './anthropic-provider.js';
import { PACKAGE_VERSION } from './package-version.js';

/** The plugin's name, as registered with a hub. */
export const ANTHROPIC_PLUGIN_NAME = '@hub/provider-anthropic';

/**
 * The Anthropic plugin: registers the `anthropic` provider (see `createAnthropicProvider`) and
 * closes its connections when the hub is closed. Options fall back to `ANTHROPIC_API_KEY` and
 * `ANTHROPIC_BASE_URL` and are validated here, before any I/O.
 *
 * @example
 * ```ts
 * const hub = createHub({ plugins: [anthropic({ defaultMaxTokens: 1024 })] });
 * const response = await hub.complete({
 *   model: 'anthropic/claude-sonnet-4-5',
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 * ```
 *
 * @param options - API key, base URL, API version, beta names, default timeout and max tokens.
 * @throws ConfigError naming each invalid field (for example `apiKey` when no key is configured).
 */
export function anthropic(options: AnthropicOptions = {}): ConnectorPlugin {
  const provider = createAnthropicProvider(options);
  return definePlugin({
    name: ANTHROPIC_PLUGIN_NAME,
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addProvider(provider);
    },
    dispose: () => provider.close?.(),
  });
}
