import type { CallOptions, ConnectorPlugin, LLMProvider } from '@hub/core';
import type { CallDeadlines } from './call-deadlines.js';

/**
 * Wraps a provider plugin so every completion call to its providers carries `defaults` as
 * `CallOptions` deadlines. A deadline the call already has wins: a route's deadlines, passed
 * with the hub call, are more specific than its providers'. This is how a provider's configured
 * deadlines mean the same thing for every provider type (`CallOptions` has one meaning).
 */
export function withDefaultDeadlines(plugin: ConnectorPlugin, defaults: CallDeadlines): ConnectorPlugin {
  return {
    ...plugin,
    register(registry) {
      plugin.register({
        pluginName: registry.pluginName,
        addProvider: (provider) => registry.addProvider(providerWithDefaults(provider, defaults)),
        addMiddleware: (middleware) => registry.addMiddleware(middleware),
        addSelector: (name, selector) => registry.addSelector(name, selector),
        addMetricsCollector: (collector) => registry.addMetricsCollector(collector),
        hasProvider: (providerId) => registry.hasProvider(providerId),
      });
    },
    ...(plugin.dispose !== undefined && { dispose: () => plugin.dispose?.() }),
  };
}

function providerWithDefaults(provider: LLMProvider, defaults: CallDeadlines): LLMProvider {
  const merged = (options: CallOptions | undefined): CallOptions => {
    const timeoutMs = options?.timeoutMs ?? defaults.timeoutMs;
    const firstByteTimeoutMs = options?.firstByteTimeoutMs ?? defaults.firstByteTimeoutMs;
    const idleTimeoutMs = options?.idleTimeoutMs ?? defaults.idleTimeoutMs;
    return {
      ...options,
      ...(timeoutMs !== undefined && { timeoutMs }),
      ...(firstByteTimeoutMs !== undefined && { firstByteTimeoutMs }),
      ...(idleTimeoutMs !== undefined && { idleTimeoutMs }),
    };
  };
  const resolveModel = provider.resolveModel?.bind(provider);
  const close = provider.close?.bind(provider);
  return {
    providerId: provider.providerId,
    sendCompletion: (request, options) => provider.sendCompletion(request, merged(options)),
    streamCompletion: (request, options) => provider.streamCompletion(request, merged(options)),
    getMetadata: (options) => provider.getMetadata(options),
    validateConfig: (config) => provider.validateConfig(config),
    healthCheck: (options) => provider.healthCheck(options),
    ...(resolveModel !== undefined && { resolveModel }),
    ...(close !== undefined && { close }),
  };
}
