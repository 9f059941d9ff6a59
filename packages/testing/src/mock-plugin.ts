import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { createMockProvider, type MockProvider, type MockProviderOptions } from './create-mock-provider.js';
import { PACKAGE_VERSION } from './package-version.js';

/** A plugin registering one mock provider; `provider` gives tests access to its script. */
export interface MockPlugin extends ConnectorPlugin {
  readonly provider: MockProvider;
}

/** Creates a `ConnectorPlugin` around `createMockProvider(options)`. */
export function mockPlugin(options: MockProviderOptions = {}): MockPlugin {
  const provider = createMockProvider(options);
  return {
    ...definePlugin({
      name: `@hub/testing:mock:${provider.providerId}`,
      version: PACKAGE_VERSION,
      apiVersion: 2,
      register(registry) {
        registry.addProvider(provider);
      },
    }),
    provider,
  };
}
