import { ConnectorError } from './connector-error.js';

/** One problem found in a configuration: which field, and what is wrong with it. */
export interface ConfigIssue {
  /** Dotted path of the field (`providers.openai.baseUrl`); empty for the whole object. */
  readonly path: string;
  readonly message: string;
}

/**
 * Invalid configuration or plugin registration, raised before any network I/O. `path` names
 * the first failing field, `issues` lists all of them, `pluginName` the plugin involved.
 */
export class ConfigError extends ConnectorError {
  readonly path: string;
  readonly issues: readonly ConfigIssue[];
  readonly pluginName: string | undefined;

  constructor(
    message: string,
    options: { path?: string; issues?: readonly ConfigIssue[]; pluginName?: string; cause?: unknown } = {},
  ) {
    const path = options.path ?? options.issues?.[0]?.path ?? '';
    super('config', message, { field: path, cause: options.cause });
    this.name = 'ConfigError';
    this.path = path;
    this.issues = options.issues ?? [{ path, message }];
    this.pluginName = options.pluginName;
  }

  /** Builds an error whose message lists every issue, one per line. */
  static fromIssues(subject: string, issues: readonly ConfigIssue[], pluginName?: string): ConfigError {
    const lines = issues.map((issue) => `  - ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`);
    return new ConfigError(`Invalid ${subject}:\n${lines.join('\n')}`, {
      issues,
      ...(pluginName !== undefined && { pluginName }),
    });
  }

  /** True for any `ConfigError`, across copies of `@hub/core`. */
  static isConfigError(value: unknown): value is ConfigError {
    return (
      ConnectorError.isInstance(value) &&
      value.code === 'config' &&
      Array.isArray((value as ConfigError).issues)
    );
  }
}
