import { type ConnectorPlugin, definePlugin } from '@hub/core';
import { createMockProvider, type MockProvider, type MockProviderOptions } from './create-mock-provider.js';

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
      version: '0.1.0',
      register(registry) {
        registry.addProvider(provider);
      },
    }),
    provider,
  };
}
