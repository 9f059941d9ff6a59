import type { CallOptions, ConnectorPlugin, LLMProvider } from '@hub/core';
import type { CallDeadlines } from './call-deadlines.js';

/**
 * Wraps a provider plugin so every call to its providers (completions, embeddings, token counts,
 * probes) carries `defaults` as `CallOptions` deadlines. A deadline the call already has wins: a route's deadlines, passed
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
  // the optional capabilities stay optional: the hub refuses embeddings to a provider without them
  const embed = provider.embed?.bind(provider);
  const countTokens = provider.countTokens?.bind(provider);
  return {
    providerId: provider.providerId,
    sendCompletion: (request, options) => provider.sendCompletion(request, merged(options)),
    streamCompletion: (request, options) => provider.streamCompletion(request, merged(options)),
    ...(embed !== undefined && { embed: (request, options) => embed(request, merged(options)) }),
    ...(countTokens !== undefined && {
      countTokens: (request, options) => countTokens(request, merged(options)),
    }),
    getMetadata: (options) => provider.getMetadata(options),
    validateConfig: (config) => provider.validateConfig(config),
    probe: (options) => provider.probe(merged(options)),
    ...(resolveModel !== undefined && { resolveModel }),
    ...(close !== undefined && { close }),
  };
}
