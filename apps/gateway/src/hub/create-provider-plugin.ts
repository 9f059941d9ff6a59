import { ConfigError, type ConnectorPlugin } from '@hub/core';
import type { GatewayProviderConfig } from '../config/gateway-config.js';
import { callDeadlinesOf } from './call-deadlines.js';
import { withDefaultDeadlines } from './with-default-deadlines.js';

/** A provider plugin built from one config entry. */
export interface BuiltProvider {
  readonly plugin: ConnectorPlugin;
  readonly providerId: string;
  /** True for providers speaking OpenAI's wire format (they accept OpenAI's extra fields). */
  readonly speaksOpenAI: boolean;
}

/**
 * Creates the plugin for one configured provider; keys come from the named env variable. Its
 * deadlines (`timeoutMs`, `firstByteTimeoutMs`, `idleTimeoutMs`) travel as `CallOptions` on every
 * call, where they mean the same for every provider type, not as each plugin's own option.
 *
 * Each provider package is imported when a config entry names its type, so the gateway loads
 * only the providers it serves (the AWS signing code and the HTTP client alone are a noticeable
 * part of a cold start the mock-only default does not need).
 */
export async function createProviderPlugin(
  provider: GatewayProviderConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<BuiltProvider> {
  const built = await createPlugin(provider, env);
  const deadlines = callDeadlinesOf(provider);
  return deadlines === undefined
    ? built
    : { ...built, plugin: withDefaultDeadlines(built.plugin, deadlines) };
}

async function createPlugin(
  provider: GatewayProviderConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<BuiltProvider> {
  const apiKey = provider.apiKeyEnv === undefined ? undefined : env[provider.apiKeyEnv];
  const common = {
    ...(apiKey !== undefined && { apiKey }),
    ...(provider.baseUrl !== undefined && { baseUrl: provider.baseUrl }),
  };
  switch (provider.type) {
    case 'mock': {
      const { mockPlugin } = await import('@hub/provider-mock');
      const providerId = provider.id ?? 'mock';
      // serving, not testing: a recording mock would keep every request it ever answered
      return { plugin: mockPlugin({ providerId, maxRecordedCalls: 0 }), providerId, speaksOpenAI: false };
    }
    case 'openai': {
      const { openai } = await import('@hub/provider-openai');
      const providerId = provider.id ?? 'openai';
      const plugin = openai({
        ...common,
        providerId,
        ...(provider.organization !== undefined && { organization: provider.organization }),
        ...(provider.project !== undefined && { project: provider.project }),
      });
      return { plugin, providerId, speaksOpenAI: true };
    }
    case 'azure-openai': {
      const { azureOpenAI } = await import('@hub/provider-openai');
      const providerId = provider.id ?? 'azure-openai';
      const plugin = azureOpenAI({
        ...(apiKey !== undefined && { apiKey }),
        providerId,
        endpoint: provider.endpoint,
        ...(provider.apiVersion !== undefined && { apiVersion: provider.apiVersion }),
        ...(provider.deployments !== undefined && { deployments: provider.deployments }),
      });
      return { plugin, providerId, speaksOpenAI: true };
    }
    case 'openai-compatible': {
      const { openaiCompatible } = await import('@hub/provider-openai-compatible');
      const providerId = provider.id ?? provider.preset ?? 'openai-compatible';
      const plugin = openaiCompatible({
        ...common,
        providerId,
        ...(provider.preset !== undefined && { preset: provider.preset }),
      });
      return { plugin, providerId, speaksOpenAI: true };
    }
    case 'google': {
      const providerId = fixedId(provider.id, 'google');
      const { google } = await import('@hub/provider-google');
      return { plugin: google(common), providerId, speaksOpenAI: false };
    }
    case 'aws-bedrock': {
      const providerId = fixedId(provider.id, 'aws-bedrock');
      const { bedrock } = await import('@hub/provider-bedrock');
      const plugin = bedrock({
        ...(apiKey !== undefined && { apiKey }),
        ...(provider.baseUrl !== undefined && { endpoint: provider.baseUrl }),
        ...(provider.region !== undefined && { region: provider.region }),
      });
      return { plugin, providerId, speaksOpenAI: false };
    }
    case 'anthropic': {
      const providerId = fixedId(provider.id, 'anthropic');
      const { anthropic } = await import('@hub/provider-anthropic');
      const plugin = anthropic({
        ...common,
        ...(provider.version !== undefined && { version: provider.version }),
      });
      return { plugin, providerId, speaksOpenAI: false };
    }
  }
}

/** Providers whose plugin registers one fixed id cannot be renamed from the config. */
function fixedId(requested: string | undefined, id: string): string {
  if (requested !== undefined && requested !== id) {
    throw new ConfigError(
      `Provider type "${id}" always registers the id "${id}"; remove "id: ${requested}".`,
      { path: 'providers.id' },
    );
  }
  return id;
}
