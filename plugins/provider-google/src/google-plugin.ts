import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { createGoogleProvider } from './create-google-provider.js';
import type { GoogleOptions } from './google-config.js';
import { PACKAGE_VERSION } from './package-version.js';

/** The Gemini API plugin's name, as registered with a hub. */
export const GOOGLE_PLUGIN_NAME = '@hub/provider-google';

/**
 * The Gemini API plugin: registers the `google` provider (see `createGoogleProvider`) and closes
 * its connections when the hub is closed. Options fall back to `GOOGLE_API_KEY` /
 * `GEMINI_API_KEY` and `GOOGLE_GEMINI_BASE_URL` and are validated here, before any I/O.
 *
 * @example
 * ```ts
 * const hub = createHub({ plugins: [google()] });
 * const response = await hub.complete({
 *   model: 'google/gemini-2.5-flash',
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 * ```
 *
 * @param options - API key, base URL, default timeout, schema format.
 * @throws ConfigError naming each invalid field (for example `apiKey` when no key is configured).
 */
export function google(options: Partial<GoogleOptions> = {}): ConnectorPlugin {
  const provider = createGoogleProvider(options);
  return definePlugin({
    name: GOOGLE_PLUGIN_NAME,
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addProvider(provider);
    },
    dispose: () => provider.close?.(),
  });
}
