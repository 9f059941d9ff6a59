import {
  type ConnectorPlugin,
  type PluginRegistry,
  SUPPORTED_PLUGIN_API_VERSIONS,
} from '../contracts/connector-plugin.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import type { MetricsCollector } from '../contracts/metrics-collector.js';
import type { Middleware } from '../contracts/middleware.js';
import type { ProviderSelector } from '../contracts/provider-selector.js';
import { ConfigError } from '../errors/config-error.js';

const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;

/** Everything the plugins of one hub registered. */
export interface RegisteredParts {
  readonly plugins: readonly ConnectorPlugin[];
  readonly providers: ReadonlyMap<string, LLMProvider>;
  readonly middleware: readonly Middleware[];
  readonly selectors: ReadonlyMap<string, ProviderSelector>;
  readonly collectors: readonly MetricsCollector[];
}

/** Pieces given to the hub directly, registered as if by a plugin named `hub options`. */
export interface DirectParts {
  readonly providers?: readonly LLMProvider[];
  readonly middleware?: readonly Middleware[];
  readonly metrics?: readonly MetricsCollector[];
}

/**
 * Registers plugins in order, failing loudly: an unsupported `apiVersion`, a missing dependency,
 * a duplicate plugin, provider id, middleware name or selector name is a `ConfigError` naming
 * the plugin.
 */
export function registerPlugins(
  plugins: readonly ConnectorPlugin[],
  direct: DirectParts = {},
): RegisteredParts {
  const providers = new Map<string, LLMProvider>();
  const middleware: Middleware[] = [];
  const selectors = new Map<string, ProviderSelector>();
  const collectors: MetricsCollector[] = [];
  const registered: ConnectorPlugin[] = [];
  const owners = new Map<string, string>();

  const registryFor = (pluginName: string): PluginRegistry => ({
    pluginName,
    addProvider(provider) {
      const id = provider?.providerId;
      if (typeof id !== 'string' || !PROVIDER_ID.test(id)) {
        throw new ConfigError(
          `Plugin "${pluginName}" registered a provider with an invalid id ${JSON.stringify(id)}: use lowercase letters, digits, ".", "_" and "-".`,
          { path: 'providerId', pluginName },
        );
      }
      const owner = owners.get(`provider:${id}`);
      if (owner !== undefined) {
        throw new ConfigError(
          `Plugin "${pluginName}" registered provider "${id}", which "${owner}" already registered. Give one of them another id.`,
          { path: 'providerId', pluginName },
        );
      }
      owners.set(`provider:${id}`, pluginName);
      providers.set(id, provider);
    },
    addMiddleware(item) {
      if (typeof item?.name !== 'string' || item.name === '') {
        throw new ConfigError(`Plugin "${pluginName}" registered middleware without a name.`, {
          path: 'middleware.name',
          pluginName,
        });
      }
      const owner = owners.get(`middleware:${item.name}`);
      if (owner !== undefined) {
        throw new ConfigError(
          `Plugin "${pluginName}" registered middleware "${item.name}", which "${owner}" already registered.`,
          { path: 'middleware.name', pluginName },
        );
      }
      owners.set(`middleware:${item.name}`, pluginName);
      middleware.push(item);
    },
    addSelector(name, selector) {
      const owner = owners.get(`selector:${name}`);
      if (owner !== undefined) {
        throw new ConfigError(
          `Plugin "${pluginName}" registered selector "${name}", which "${owner}" already registered.`,
          { path: 'selector', pluginName },
        );
      }
      owners.set(`selector:${name}`, pluginName);
      selectors.set(name, selector);
    },
    addMetricsCollector(collector) {
      collectors.push(collector);
    },
    hasProvider(providerId) {
      return providers.has(providerId);
    },
  });

  const hubOptionsRegistry = registryFor('hub options');
  for (const item of direct.middleware ?? []) hubOptionsRegistry.addMiddleware(item);
  for (const provider of direct.providers ?? []) hubOptionsRegistry.addProvider(provider);
  for (const collector of direct.metrics ?? []) hubOptionsRegistry.addMetricsCollector(collector);

  const names = new Set<string>();
  for (const plugin of plugins) {
    checkPlugin(plugin, names);
    plugin.register(registryFor(plugin.name));
    names.add(plugin.name);
    registered.push(plugin);
  }
  return { plugins: registered, providers, middleware, selectors, collectors };
}

function checkPlugin(plugin: ConnectorPlugin, registeredNames: ReadonlySet<string>): void {
  if (typeof plugin?.name !== 'string' || plugin.name === '') {
    throw new ConfigError(
      'A plugin has no name: plugins must be objects with name, version, apiVersion and register.',
      { path: 'plugins' },
    );
  }
  const name = plugin.name;
  if (!SUPPORTED_PLUGIN_API_VERSIONS.includes(plugin.apiVersion)) {
    throw new ConfigError(
      `Plugin "${name}" targets plugin API version ${String(plugin.apiVersion)}, but this @hub/core supports ${SUPPORTED_PLUGIN_API_VERSIONS.join(', ')}. Upgrade the plugin or @hub/core so they match.`,
      { path: 'apiVersion', pluginName: name },
    );
  }
  if (typeof plugin.register !== 'function') {
    throw new ConfigError(`Plugin "${name}" has no register function.`, {
      path: 'register',
      pluginName: name,
    });
  }
  if (registeredNames.has(name)) {
    throw new ConfigError(`Plugin "${name}" is registered twice.`, { path: 'plugins', pluginName: name });
  }
  for (const dependency of plugin.dependencies ?? []) {
    if (!registeredNames.has(dependency)) {
      throw new ConfigError(`Plugin "${name}" needs plugin "${dependency}" registered before it.`, {
        path: 'dependencies',
        pluginName: name,
      });
    }
  }
}
