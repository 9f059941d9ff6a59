import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { acmeConfig } from './acme-config.js';
import { createAcmeProvider } from './acme-provider.js';

/**
 * The Acme plugin. Options fall back to `ACME_API_KEY` / `ACME_BASE_URL` and are validated here,
 * before any I/O.
 *
 * @throws ConfigError naming the failing field.
 */
export function acme(options: { apiKey?: string; baseUrl?: string } = {}): ConnectorPlugin {
  const config = acmeConfig.validate({ ...acmeConfig.fromEnv(), ...options });
  const provider = createAcmeProvider(config);
  return definePlugin({
    name: '@example/hub-provider-acme',
    version: '0.0.0',
    register: (registry) => registry.addProvider(provider),
    dispose: () => provider.close?.(),
  });
}
