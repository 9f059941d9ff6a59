import type { ZodType } from 'zod';
import type { ValidationResult } from './llm-provider.js';

/** One environment variable a provider reads in `fromEnv()`. */
export interface EnvVarSpec {
  /** Variable name (`OPENAI_API_KEY`). */
  readonly name: string;
  /** Config field it fills (`apiKey`). */
  readonly field: string;
  /** How the text is turned into the field's value. */
  readonly type: 'string' | 'number' | 'boolean';
  /** Secret values are redacted by `toConfigMap()` and never logged. */
  readonly secret?: boolean;
  readonly description: string;
}

/** A flat, printable view of a configuration: secrets replaced by `"[REDACTED]"`. */
export type ConfigMap = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The configuration of one provider: a zod schema plus environment and redaction rules.
 * Build one with `defineProviderConfig`.
 */
export interface ProviderConfig<TConfig> {
  /** Provider id the configuration belongs to (used in error messages). */
  readonly providerId: string;
  /** The zod schema; input may omit fields that have defaults. */
  readonly schema: ZodType<TConfig>;
  /** Environment variables `fromEnv()` reads, documented. */
  readonly env: readonly EnvVarSpec[];
  /**
   * Parses and checks a configuration.
   *
   * @throws ConfigError naming every failing field (`path`), before any network I/O.
   */
  validate(input: unknown): TConfig;
  /**
   * The same checks as `validate`, reported instead of thrown: what `LLMProvider.validateConfig`
   * returns. Synchronous, without I/O.
   */
  check(input: unknown): ValidationResult;
  /** A flat view for logs and `--print-config`, with every secret field redacted. */
  toConfigMap(config: TConfig): ConfigMap;
  /**
   * Reads the documented environment variables (empty values count as unset) and returns the
   * partial input they describe; pass it, merged with explicit options, to `validate`.
   */
  fromEnv(env?: Readonly<Record<string, string | undefined>>): Record<string, unknown>;
  /**
   * The configuration a provider factory should use: explicit `options` (fields set to
   * `undefined` count as unset) over what `fromEnv(env)` reads, validated once.
   *
   * @param env - Default `process.env`.
   * @throws ConfigError naming every failing field, before any network I/O.
   */
  resolve(options?: object, env?: Readonly<Record<string, string | undefined>>): TConfig;
}
