import type { ConnectorPlugin } from '../contracts/connector-plugin.js';

/**
 * What a plugin declares. `apiVersion` is required and written as a literal in the plugin's own
 * source (`apiVersion: 2`): it records the contract the plugin was written against, so a hub
 * whose `@hub/core` no longer supports that contract refuses the plugin at registration (a
 * `ConfigError` naming it) instead of failing on the first call.
 */
export type PluginDefinition = ConnectorPlugin;

/** Returns the plugin as declared; a typed identity that keeps plugin literals checked. */
export function definePlugin(definition: PluginDefinition): ConnectorPlugin {
  return definition;
}
