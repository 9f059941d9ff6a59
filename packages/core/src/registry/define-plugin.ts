import { type ConnectorPlugin, PLUGIN_API_VERSION } from '../contracts/connector-plugin.js';

/** A plugin definition whose `apiVersion` defaults to this core's `PLUGIN_API_VERSION`. */
export type PluginDefinition = Omit<ConnectorPlugin, 'apiVersion'> & { readonly apiVersion?: number };

/** Returns a `ConnectorPlugin`, stamping the current contract version when none is given. */
export function definePlugin(definition: PluginDefinition): ConnectorPlugin {
  return { ...definition, apiVersion: definition.apiVersion ?? PLUGIN_API_VERSION };
}
