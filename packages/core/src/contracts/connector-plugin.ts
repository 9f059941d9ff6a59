import type { LLMProvider } from './llm-provider.js';
import type { MetricsCollector } from './metrics-collector.js';
import type { Middleware } from './middleware.js';
import type { ProviderSelector } from './provider-selector.js';

/**
 * The contract version this copy of `@hub/core` implements. Version 2 (core 0.2): providers
 * `probe` instead of `healthCheck` (the hub owns the health policy), may `embed` and
 * `countTokens`, and middleware declares its `operations`.
 */
export const PLUGIN_API_VERSION = 2;

/**
 * Contract versions this copy of `@hub/core` can register. Version 1 plugins are refused: their
 * providers have no `probe`, and the hub would fail on the first health check instead of at
 * registration.
 */
export const SUPPORTED_PLUGIN_API_VERSIONS: readonly number[] = Object.freeze([2]);

/**
 * What a plugin may add to a hub during `register`. Every method throws `ConfigError` naming the
 * plugin on conflicts (a duplicate provider id, middleware name or selector name).
 */
export interface PluginRegistry {
  /** Name of the plugin being registered. */
  readonly pluginName: string;
  addProvider(provider: LLMProvider): void;
  /** Appends middleware after everything registered so far (so it runs inner to it). */
  addMiddleware(middleware: Middleware): void;
  addSelector(name: string, selector: ProviderSelector): void;
  addMetricsCollector(collector: MetricsCollector): void;
  /** Whether a provider with this id was registered already (by any plugin). */
  hasProvider(providerId: string): boolean;
}

/**
 * A package's entry point into a hub. Create plugins with a factory that validates options and
 * returns a plain object.
 */
export interface ConnectorPlugin {
  /** Unique name, conventionally the npm package name (`@hub/provider-openai`). */
  readonly name: string;
  /** The plugin's own version (semver). */
  readonly version: string;
  /**
   * The `@hub/core` contract version it was written against (`PLUGIN_API_VERSION` of the core it
   * was built with), as a literal in the plugin's source; checked at registration.
   */
  readonly apiVersion: number;
  /** Names of plugins that must be registered before this one. */
  readonly dependencies?: readonly string[];
  /** Adds providers, middleware, selectors and collectors. Synchronous: no I/O here. */
  register(registry: PluginRegistry): void;
  /** Releases resources; called once by `hub.close()`, in reverse registration order. */
  dispose?(): void | Promise<void>;
}
