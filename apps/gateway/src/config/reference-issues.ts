import type { ConfigIssue } from '@hub/core';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What the schema cannot see, read from the file's raw shape so it is reported together with
 * the schema's own issues (one pass, not schema, then environment, then routes): every
 * `providers[i].apiKeyEnv` and `virtualKeys[i].keyEnv` names a variable that is set, and every
 * route target names a configured provider (`provider/model`). Entries of the wrong shape are
 * skipped; the schema names them. Never repeats a variable's value.
 */
export function referenceIssues(raw: unknown, env: Env): ConfigIssue[] {
  if (!isRecord(raw)) return [];
  const issues: ConfigIssue[] = [];
  const providers = Array.isArray(raw.providers) ? raw.providers : [];
  providers.forEach((provider, index) => {
    if (isRecord(provider)) envIssue(issues, `providers.${index}.apiKeyEnv`, provider.apiKeyEnv, env);
  });
  if (Array.isArray(raw.virtualKeys)) {
    raw.virtualKeys.forEach((key, index) => {
      if (isRecord(key)) envIssue(issues, `virtualKeys.${index}.keyEnv`, key.keyEnv, env);
    });
  }
  // with no provider of a known shape, the schema's "providers" issue says everything
  const ids = new Set(
    providers
      .filter(isRecord)
      .map(providerIdOf)
      .filter((id) => id !== undefined),
  );
  if (ids.size > 0 && isRecord(raw.routes)) {
    for (const [alias, route] of Object.entries(raw.routes)) {
      const targets = Array.isArray(route) ? route : isRecord(route) ? route.targets : undefined;
      if (!Array.isArray(targets)) continue;
      const prefix = Array.isArray(route) ? `routes.${alias}` : `routes.${alias}.targets`;
      targets.forEach((target, index) => {
        const problem = typeof target === 'string' ? targetProblem(target, ids) : undefined;
        if (problem !== undefined) issues.push({ path: `${prefix}.${index}`, message: problem });
      });
    }
  }
  return issues;
}

function envIssue(issues: ConfigIssue[], path: string, name: unknown, env: Env): void {
  if (typeof name === 'string' && name !== '' && !env[name]) {
    issues.push({ path, message: `environment variable ${name} is not set` });
  }
}

function targetProblem(target: string, ids: ReadonlySet<string>): string | undefined {
  const slash = target.indexOf('/');
  const providerId = slash > 0 ? target.slice(0, slash) : target;
  const known = [...ids].join(', ');
  if (!ids.has(providerId))
    return `"${target}" names provider "${providerId}", which is not configured (providers: ${known})`;
  if (slash === target.length - 1 || slash < 0) return `"${target}" names no model: write "provider/model"`;
  return undefined;
}

// the id each provider type registers under when the entry gives none (as create-provider-plugin)
function providerIdOf(provider: Record<string, unknown>): string | undefined {
  if (typeof provider.id === 'string') return provider.id;
  if (provider.type === 'openai-compatible')
    return typeof provider.preset === 'string' ? provider.preset : 'openai-compatible';
  return typeof provider.type === 'string' ? provider.type : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
