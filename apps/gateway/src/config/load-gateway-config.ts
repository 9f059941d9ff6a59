import { readFile } from 'node:fs/promises';
import { ConfigError, type ConfigIssue } from '@hub/core';
import { dashboardIssues } from '../dashboard/dashboard-admin-key.js';
import { governanceIssues } from '../governance/governance-issues.js';
import { explainZodIssue } from '../wire/explain-zod-issue.js';
import { defaultGatewayConfig } from './default-gateway-config.js';
import { type GatewayConfig, gatewayConfigSchema } from './gateway-config.js';
import { referenceIssues } from './reference-issues.js';

/** A loaded configuration and where it came from (for the first log line). */
export interface LoadedGatewayConfig {
  readonly config: GatewayConfig;
  readonly source: string;
}

/**
 * Reads and validates the configuration file (YAML or JSON by extension), or builds the
 * embedded default when `path` is undefined.
 *
 * @throws ConfigError listing every invalid field with its path.
 */
export async function loadGatewayConfig(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<LoadedGatewayConfig> {
  let raw: unknown;
  let source: string;
  if (path === undefined) {
    const fallback = defaultGatewayConfig(env);
    raw = fallback.config;
    source = fallback.description;
  } else {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`Cannot read the config file ${path}: ${(error as Error).message}`, {
        path: 'config',
        cause: error,
      });
    }
    try {
      // yaml is imported only for a YAML file: the embedded default and JSON files skip its load time
      raw = path.endsWith('.json') ? JSON.parse(text) : (await import('yaml')).parse(text);
    } catch (error) {
      throw new ConfigError(
        `The config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
        { path: 'config' },
      );
    }
    source = `config file ${path}`;
  }
  return { config: validateGatewayConfig(raw, env), source };
}

/**
 * Validates a parsed configuration, including environment references and route targets, and
 * reports every issue in one error: the schema's, the environment's and the routes' together.
 *
 * @throws ConfigError listing every invalid field with its path.
 */
export function validateGatewayConfig(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(raw);
  const issues: ConfigIssue[] = result.success
    ? []
    : result.error.issues.map((issue) => {
        const explained = explainZodIssue(issue, raw);
        return { path: explained.path.join('.'), message: explained.problem };
      });
  issues.push(...referenceIssues(raw, env));
  if (result.success) {
    issues.push(...dashboardIssues(result.data, env));
    issues.push(...governanceIssues(result.data, env));
  }
  if (!result.success || issues.length > 0) throw ConfigError.fromIssues('gateway configuration', issues);
  return result.data;
}
