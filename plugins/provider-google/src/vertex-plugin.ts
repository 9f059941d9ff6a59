import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { createVertexProvider } from './create-vertex-provider.js';
import { PACKAGE_VERSION } from './package-version.js';
import type { VertexOptions } from './vertex-config.js';

/** The Vertex AI plugin's name, as registered with a hub (distinct, so both can be used). */
export const VERTEX_PLUGIN_NAME = '@hub/provider-google/vertex';

/**
 * The Vertex AI plugin: registers the `google-vertex` provider (see `createVertexProvider`) and
 * closes its connections when the hub is closed. Options fall back to `GOOGLE_CLOUD_PROJECT` and
 * `GOOGLE_CLOUD_LOCATION` and are validated here, before any I/O; no credentials are read until
 * the first request.
 *
 * @example
 * ```ts
 * const hub = createHub({ plugins: [vertex({ project: 'my-project', location: 'europe-west4' })] });
 * const response = await hub.complete({
 *   model: 'google-vertex/gemini-2.5-flash',
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 * ```
 *
 * @param options - Project, location, credentials or token provider, base URL, timeout.
 * @throws ConfigError naming each invalid field (for example `project` when none is configured).
 */
export function vertex(options: Partial<VertexOptions> = {}): ConnectorPlugin {
  const provider = createVertexProvider(options);
  return definePlugin({
    name: VERTEX_PLUGIN_NAME,
    version: PACKAGE_VERSION,
    apiVersion: 2,
    register(registry) {
      registry.addProvider(provider);
    },
    dispose: () => provider.close?.(),
  });
}
