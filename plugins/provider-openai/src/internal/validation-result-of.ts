import { ConfigError, type ProviderConfig, type ValidationResult } from '@hub/core';

/** Runs `config.validate` and reports its issues as a `ValidationResult` instead of throwing. */
export function validationResultOf(config: ProviderConfig<unknown>, input: unknown): ValidationResult {
  try {
    config.validate(input);
    return { ok: true };
  } catch (error) {
    if (ConfigError.isConfigError(error)) return { ok: false, issues: error.issues };
    return {
      ok: false,
      issues: [{ path: '', message: error instanceof Error ? error.message : String(error) }],
    };
  }
}
