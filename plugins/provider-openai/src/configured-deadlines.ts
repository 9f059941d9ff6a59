/** The deadline fields of the OpenAI, Azure OpenAI and OpenAI-compatible configurations. */
export interface DeadlineConfig {
  /** Older setting, in seconds: the default of both `firstByteTimeoutMs` and `idleTimeoutMs`. */
  readonly timeoutSecs: number;
  readonly timeoutMs?: number | undefined;
  readonly firstByteTimeoutMs?: number | undefined;
  readonly idleTimeoutMs?: number | undefined;
}

/** A provider's default deadlines, in milliseconds, as `CallOptions` defines them. */
export interface ConfiguredDeadlines {
  readonly timeoutMs?: number;
  readonly firstByteTimeoutMs: number;
  readonly idleTimeoutMs: number;
}

/**
 * The default deadlines of a validated configuration: `timeoutMs`, `firstByteTimeoutMs` and
 * `idleTimeoutMs` as `CallOptions` defines them, where `timeoutSecs` (the older, coarser setting)
 * stands in for the first-byte and idle limits not given.
 */
export function configuredDeadlines(config: DeadlineConfig): ConfiguredDeadlines {
  // at least 1 ms: a positive timeout must never round to 0, which would disable it
  const legacyMs = Math.max(1, Math.round(config.timeoutSecs * 1000));
  return {
    ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
    firstByteTimeoutMs: config.firstByteTimeoutMs ?? legacyMs,
    idleTimeoutMs: config.idleTimeoutMs ?? legacyMs,
  };
}
