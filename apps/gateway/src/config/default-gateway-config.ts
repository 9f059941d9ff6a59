// generous in-memory limits, so the embedded default shows limiting without getting in the way
const EMBEDDED_LIMITS = {
  limits: [{ scope: 'provider', requestsPerWindow: 6000, windowMs: 60_000 }],
  onLimited: 'queue',
};

/**
 * The configuration used when no file is given: OpenAI and Anthropic when their keys are in the
 * environment, otherwise the mock provider, so the gateway always starts.
 */
export function defaultGatewayConfig(env: Readonly<Record<string, string | undefined>>): {
  config: Record<string, unknown>;
  description: string;
} {
  const providers: Record<string, unknown>[] = [];
  const routes: string[] = [];
  if (env.OPENAI_API_KEY) {
    providers.push({ type: 'openai', apiKeyEnv: 'OPENAI_API_KEY' });
    routes.push('openai/gpt-4o-mini');
  }
  if (env.ANTHROPIC_API_KEY) {
    providers.push({ type: 'anthropic', apiKeyEnv: 'ANTHROPIC_API_KEY' });
    routes.push('anthropic/claude-haiku-4-5');
  }
  if (providers.length === 0) {
    return {
      config: {
        providers: [{ type: 'mock' }],
        routes: { default: ['mock/mock-1'] },
        rateLimit: EMBEDDED_LIMITS,
      },
      description:
        'no config file and no provider keys: serving the mock provider (in-memory cache and limits)',
    };
  }
  return {
    config: { providers, routes: { default: routes }, rateLimit: EMBEDDED_LIMITS },
    description: `no config file: routing "default" to ${routes.join(', ')} from provider keys in the environment`,
  };
}
