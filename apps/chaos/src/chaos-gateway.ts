import { type RunningGateway, startGateway, validateGatewayConfig } from '@hub/gateway';

/** The environment the chaos gateways read their (fake) upstream key from. */
export const CHAOS_ENV: Readonly<Record<string, string>> = Object.freeze({
  CHAOS_UPSTREAM_KEY: 'sk-chaos-upstream',
});

/** An OpenAI provider entry of the gateway config, pointed at a faulty upstream. */
export function openAIProvider(id: string, baseUrl: string): Record<string, unknown> {
  return { type: 'openai', id, apiKeyEnv: 'CHAOS_UPSTREAM_KEY', baseUrl };
}

/**
 * Starts the gateway in this process through its public API, from a configuration file's
 * content exactly as `hub-gateway --config` would read it. Filled in unless `config` says
 * otherwise: a free port on 127.0.0.1, no logs, no dashboard, no response cache (each call must
 * reach the upstream to meet its fault), retries with short back-offs (the suite counts what
 * retries achieve, not how long they wait), everything else the gateway's defaults.
 *
 * @throws ConfigError when `config` is not a valid gateway configuration.
 */
export function startChaosGateway(config: Record<string, unknown>): Promise<RunningGateway> {
  const validated = validateGatewayConfig(
    {
      server: { host: '127.0.0.1', port: 0 },
      logging: { level: 'silent' },
      dashboard: false,
      cache: false,
      retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 100 },
      ...config,
    },
    CHAOS_ENV,
  );
  return startGateway({ config: validated, env: CHAOS_ENV });
}
