import { describe, expect, it } from 'vitest';
import type { ConnectorPlugin } from '../contracts/connector-plugin.js';
import { ConfigError } from '../errors/config-error.js';
import { createHub } from '../hub/create-hub.js';
import { fakeProvider, userRequest } from '../test-support/fake-provider.js';
import { definePlugin } from './define-plugin.js';

const providerPlugin = (name: string, providerId: string): ConnectorPlugin =>
  definePlugin({
    name,
    version: '1.0.0',
    apiVersion: 2,
    register: (registry) => registry.addProvider(fakeProvider(providerId)),
  });

function configErrorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    expect(ConfigError.isConfigError(error)).toBe(true);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('plugin registration', () => {
  it('registers providers, middleware and selectors from plugins', async () => {
    const seen: string[] = [];
    const plugin = definePlugin({
      name: 'bundle',
      version: '1.0.0',
      apiVersion: 2,
      register(registry) {
        registry.addProvider(fakeProvider('p', ['hello']));
        registry.addMiddleware({
          name: 'tap',
          onRequest: () => {
            seen.push('tap');
          },
        });
        registry.addSelector('reverse', {
          name: 'reverse',
          select: (candidates) => [...candidates].reverse(),
        });
      },
    });
    const hub = createHub({ plugins: [plugin], selector: 'reverse' });
    expect((await hub.complete(userRequest('p/m'))).text).toBe('hello');
    expect(seen).toEqual(['tap']);
    expect(plugin.apiVersion).toBe(2);
  });

  it('rejects two providers with the same id, naming the plugin', () => {
    const error = configErrorOf(() =>
      createHub({ plugins: [providerPlugin('first', 'openai'), providerPlugin('second', 'openai')] }),
    );
    expect(error.pluginName).toBe('second');
    expect(error.message).toContain('"openai"');
    expect(error.message).toContain('first');
  });

  it.each([
    ['older', 1],
    ['future', 3],
  ])('rejects an %s plugin (apiVersion %i), naming it, before it registers anything', (name, apiVersion) => {
    let registered = false;
    const plugin = { ...providerPlugin(name, 'x'), apiVersion, register: () => (registered = true) };
    const error = configErrorOf(() => createHub({ plugins: [plugin] }));
    expect(error).toMatchObject({ pluginName: name, path: 'apiVersion', code: 'config' });
    expect(error.message).toContain(`version ${apiVersion}`);
    expect(registered).toBe(false);
  });

  it('rejects a plugin whose dependency is not registered before it', () => {
    const dependent = { ...providerPlugin('needs-auth', 'x'), dependencies: ['@hub/middleware-auth'] };
    expect(configErrorOf(() => createHub({ plugins: [dependent] }))).toMatchObject({
      pluginName: 'needs-auth',
      path: 'dependencies',
    });
  });

  it('rejects invalid provider ids and duplicate middleware names', () => {
    expect(
      configErrorOf(() => createHub({ plugins: [providerPlugin('bad', 'Not Lowercase')] })).pluginName,
    ).toBe('bad');
    const twice = definePlugin({
      name: 'twice',
      version: '1.0.0',
      apiVersion: 2,
      register(registry) {
        registry.addMiddleware({ name: 'same' });
        registry.addMiddleware({ name: 'same' });
      },
    });
    expect(configErrorOf(() => createHub({ plugins: [twice] })).pluginName).toBe('twice');
  });

  it('rejects the same plugin registered twice', () => {
    const plugin = providerPlugin('once', 'a');
    expect(configErrorOf(() => createHub({ plugins: [plugin, { ...plugin }] })).pluginName).toBe('once');
  });

  it('runs hub-option middleware outside plugin middleware', async () => {
    const order: string[] = [];
    const plugin = definePlugin({
      name: 'inner-mw',
      version: '1.0.0',
      apiVersion: 2,
      register: (registry) =>
        registry.addMiddleware({
          name: 'from-plugin',
          onRequest: () => {
            order.push('plugin');
          },
        }),
    });
    const hub = createHub({
      providers: [fakeProvider('p')],
      plugins: [plugin],
      middleware: [
        {
          name: 'direct',
          onRequest: () => {
            order.push('direct');
          },
        },
      ],
    });
    await hub.complete(userRequest('p/m'));
    expect(order).toEqual(['direct', 'plugin']);
  });
});
