// Type tests (tsc and `vitest --typecheck`): what a plugin author's literal must and must not say.
import { expectTypeOf } from 'vitest';
import type { ConnectorPlugin, PluginRegistry } from '../contracts/connector-plugin.js';
import { definePlugin } from './define-plugin.js';

// a complete literal is a ConnectorPlugin, and `register` receives the registry
const plugin = definePlugin({
  name: '@acme/provider-acme',
  version: '1.0.0',
  apiVersion: 2,
  register(registry) {
    expectTypeOf(registry).toEqualTypeOf<PluginRegistry>();
  },
});
expectTypeOf(plugin).toEqualTypeOf<ConnectorPlugin>();

// optional members keep their types
definePlugin({
  name: 'p',
  version: '1.0.0',
  apiVersion: 2,
  dependencies: ['@hub/provider-openai'],
  register() {},
  dispose: async () => {},
});

// @ts-expect-error apiVersion is required: it records the contract the plugin was written against
definePlugin({ name: 'p', version: '1.0.0', register() {} });

// @ts-expect-error register is required
definePlugin({ name: 'p', version: '1.0.0', apiVersion: 2 });

// @ts-expect-error apiVersion is a number, not a semver string
definePlugin({ name: 'p', version: '1.0.0', apiVersion: '2', register() {} });

// @ts-expect-error a plugin's name is a string (conventionally its npm package name)
definePlugin({ name: Symbol('p'), version: '1.0.0', apiVersion: 2, register() {} });
