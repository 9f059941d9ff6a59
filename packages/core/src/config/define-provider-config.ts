import type { ZodType } from 'zod';
import type { ConfigMap, EnvVarSpec, ProviderConfig } from '../contracts/provider-config.js';
import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { maskSecrets, REDACTED } from '../redaction/mask-secrets.js';
import { withoutUndefined } from '../util/without-undefined.js';

/** What `defineProviderConfig` needs. */
export interface ProviderConfigDefinition<TConfig> {
  readonly providerId: string;
  readonly schema: ZodType<TConfig>;
  readonly env?: readonly EnvVarSpec[];
  /** Fields redacted by `toConfigMap` besides those marked secret in `env`. */
  readonly secretFields?: readonly string[];
}

/**
 * Builds a `ProviderConfig` from a zod schema: `validate` turns zod issues into one `ConfigError`
 * listing each field; `fromEnv` reads the documented variables; `toConfigMap` flattens and
 * redacts.
 */
export function defineProviderConfig<TConfig>(
  definition: ProviderConfigDefinition<TConfig>,
): ProviderConfig<TConfig> {
  const env = definition.env ?? [];
  const secrets = new Set([
    ...(definition.secretFields ?? []),
    ...env.filter((spec) => spec.secret).map((spec) => spec.field),
  ]);
  const validate = (input: unknown): TConfig => {
    const result = definition.schema.safeParse(input);
    if (result.success) return result.data;
    throw ConfigError.fromIssues(`${definition.providerId} configuration`, issuesOf(result.error.issues));
  };
  const fromEnv = (
    source: Readonly<Record<string, string | undefined>> = process.env,
  ): Record<string, unknown> => {
    const values: Record<string, unknown> = {};
    for (const spec of env) {
      const text = source[spec.name];
      if (text === undefined || text.trim() === '') continue;
      values[spec.field] = convertEnvValue(spec, text.trim());
    }
    return values;
  };
  return {
    providerId: definition.providerId,
    schema: definition.schema,
    env,
    validate,
    check(input) {
      const result = definition.schema.safeParse(input);
      return result.success ? { ok: true } : { ok: false, issues: issuesOf(result.error.issues) };
    },
    toConfigMap(config) {
      return flattenConfig(config, secrets);
    },
    fromEnv,
    resolve(options = {}, source = process.env) {
      if (typeof options !== 'object' || options === null || Array.isArray(options)) {
        throw new ConfigError(`${definition.providerId} configuration: the options must be an object.`, {
          path: '',
        });
      }
      return validate({ ...fromEnv(source), ...withoutUndefined(options) });
    },
  };
}

function issuesOf(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): ConfigIssue[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function convertEnvValue(spec: EnvVarSpec, text: string): unknown {
  if (spec.type === 'number') {
    const value = Number(text);
    // left as text so validation reports the variable's field with a clear message
    return Number.isFinite(value) ? value : text;
  }
  if (spec.type === 'boolean') return text === '1' || text.toLowerCase() === 'true';
  return text;
}

/**
 * Flattens nested config into dotted keys for display, replacing secret fields (and any field
 * whose name looks secret) with `[REDACTED]` and masking credentials inside other strings (URL
 * userinfo such as `redis://:password@host`, tokens); functions are shown as `[function]`.
 * Fields naming an environment variable (`apiKeyEnv: OPENAI_API_KEY`) are shown: the name is
 * what an operator needs to see, and it is not the secret.
 */
export function flattenConfig(config: unknown, secretFields: ReadonlySet<string> = new Set()): ConfigMap {
  const out: Record<string, string | number | boolean | null> = {};
  const visit = (value: unknown, path: string, key: string): void => {
    if (value === undefined) return;
    const namesVariable = ENV_NAME.test(key) && typeof value === 'string';
    if (
      path !== '' &&
      !namesVariable &&
      (secretFields.has(path) || secretFields.has(key) || SECRET_NAME.test(key))
    ) {
      out[path] = REDACTED;
      return;
    }
    if (typeof value === 'string') {
      out[path] = maskSecrets(value);
    } else if (value === null || typeof value === 'number' || typeof value === 'boolean') {
      out[path] = value;
    } else if (typeof value === 'function') {
      out[path] = '[function]';
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++)
        visit(value[index], `${path}.${index}`, String(index));
    } else if (typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) {
        visit(child, path === '' ? childKey : `${path}.${childKey}`, childKey);
      }
    } else {
      out[path] = String(value);
    }
  };
  visit(config, '', '');
  return out;
}

const SECRET_NAME = /(api[-_]?key|secret|token|password|credential|authorization)/i;
// `apiKeyEnv`, `keyEnv`, `tokenEnvVar`: fields whose value is the name of a variable
const ENV_NAME = /Env(Var)?$/;
