import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { createMockProvider } from './create-mock-provider.js';
import type { MockProvider } from './mock-provider.js';
import type { MockProviderOptions } from './mock-provider-options.js';
import { PACKAGE_VERSION } from './package-version.js';

/** A plugin registering one mock provider; `provider` gives tests access to its script. */
export interface MockPlugin extends ConnectorPlugin {
  readonly provider: MockProvider;
}

/**
 * Creates a `ConnectorPlugin` around `createMockProvider(options)`, named
 * `@hub/provider-mock:<providerId>` so several mocks can be registered side by side.
 *
 * @throws ConfigError as `createMockProvider` does.
 */
export function mockPlugin(options: MockProviderOptions = {}): MockPlugin {
  const provider = createMockProvider(options);
  return {
    ...definePlugin({
      name: `@hub/provider-mock:${provider.providerId}`,
      version: PACKAGE_VERSION,
      apiVersion: 2,
      register(registry) {
        registry.addProvider(provider);
      },
    }),
    provider,
  };
}
