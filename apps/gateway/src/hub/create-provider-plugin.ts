import type { ConnectorPlugin } from '@hub/core';
import { anthropic } from '@hub/provider-anthropic';
import { openai } from '@hub/provider-openai';
import { mockPlugin } from '@hub/testing';
import type { GatewayProviderConfig } from '../config/gateway-config.js';

/** A provider plugin built from one config entry. */
export interface BuiltProvider {
  readonly plugin: ConnectorPlugin;
  readonly providerId: string;
  /** True for providers speaking OpenAI's wire format (they accept OpenAI's extra fields). */
  readonly speaksOpenAI: boolean;
}

/** Creates the plugin for one configured provider; keys come from the named env variable. */
export function createProviderPlugin(
  provider: GatewayProviderConfig,
  env: Readonly<Record<string, string | undefined>>,
): BuiltProvider {
  const apiKey = provider.apiKeyEnv === undefined ? undefined : env[provider.apiKeyEnv];
  const common = {
    ...(apiKey !== undefined && { apiKey }),
    ...(provider.baseUrl !== undefined && { baseUrl: provider.baseUrl }),
    ...(provider.timeoutMs !== undefined && { timeoutMs: provider.timeoutMs }),
  };
  switch (provider.type) {
    case 'mock': {
      const providerId = provider.id ?? 'mock';
      return { plugin: mockPlugin({ providerId }), providerId, speaksOpenAI: false };
    }
    case 'openai': {
      const providerId = provider.id ?? 'openai';
      const plugin = openai({
        ...common,
        providerId,
        ...(provider.organization !== undefined && { organization: provider.organization }),
        ...(provider.project !== undefined && { project: provider.project }),
      });
      return { plugin, providerId, speaksOpenAI: true };
    }
    case 'anthropic': {
      const providerId = provider.id ?? 'anthropic';
      const plugin = anthropic({
        ...common,
        ...(provider.version !== undefined && { version: provider.version }),
      });
      return { plugin, providerId, speaksOpenAI: false };
    }
  }
}
