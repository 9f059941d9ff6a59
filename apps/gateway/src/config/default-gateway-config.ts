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
      config: { providers: [{ type: 'mock' }], routes: { default: ['mock/mock-1'] } },
      description:
        'no config file and no provider keys: serving the mock provider (in-memory cache and limits)',
    };
  }
  return {
    config: { providers, routes: { default: routes } },
    description: `no config file: routing "default" to ${routes.join(', ')} from provider keys in the environment`,
  };
}
