import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { type AcmeOptions, acmeConfig } from './acme-config.js';
import { createAcmeProvider } from './acme-provider.js';
import { PACKAGE_VERSION } from './package-version.js';

/**
 * The Acme plugin. Options win over `ACME_API_KEY` / `ACME_BASE_URL` and are validated here,
 * once, before any I/O.
 *
 * @param options - Key, base URL and default deadlines.
 * @param env - Where the variables are read from; default `process.env`.
 * @throws ConfigError naming the failing field.
 */
export function acme(
  options: AcmeOptions = {},
  env?: Readonly<Record<string, string | undefined>>,
): ConnectorPlugin {
  const provider = createAcmeProvider(acmeConfig.resolve(options, env));
  return definePlugin({
    name: '@example/hub-provider-acme',
    // this package's version, stamped by the build; never a hard-coded string
    version: PACKAGE_VERSION,
    // the contract version of @hub/core this plugin was written against, as a literal
    apiVersion: 2,
    register: (registry) => registry.addProvider(provider),
    dispose: () => provider.close?.(),
  });
}
