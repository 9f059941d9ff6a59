import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from '@hub/core';

/** What the command line asked for. */
export interface CliArgs {
  readonly configPath: string | undefined;
  readonly port: number | undefined;
  readonly printConfig: boolean;
  readonly hashKey: string | undefined;
  readonly help: boolean;
}

/**
 * Parses `--config <path>`, `--port <n>`, `--print-config`, `--hash-key <key>` and `--help`;
 * `HUB_CONFIG` and `PORT` fill what flags leave out.
 *
 * A bare `--` is skipped: `pnpm start -- --config x` passes it through to the script, and the
 * gateway takes no positional arguments it could separate. A relative config path is resolved
 * against `INIT_CWD` when set — the directory the user ran `pnpm start` / `npm start` in, since
 * the package manager runs the script from the package's own directory — else the working
 * directory.
 *
 * @throws ConfigError naming the flag: an unknown option, a flag without its value, a bad port.
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliArgs {
  let configPath = env.HUB_CONFIG || undefined;
  let portText = env.PORT || undefined;
  let printConfig = false;
  let hashKey: string | undefined;
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') continue;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++index];
      if (next === undefined || next === '') throw new ConfigError(`${flag} needs a value.`, { path: flag });
      return next;
    };
    if (flag === '--config') configPath = value();
    else if (flag === '--port') portText = value();
    else if (flag === '--print-config') printConfig = true;
    else if (flag === '--hash-key') hashKey = value();
    else if (flag === '--help' || flag === '-h') help = true;
    else throw new ConfigError(`Unknown option ${flag}. Try --help.`, { path: flag });
  }
  let port: number | undefined;
  if (portText !== undefined) {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ConfigError(`The port must be an integer from 0 to 65535 (got "${portText}").`, {
        path: 'port',
      });
  }
  if (configPath !== undefined && !isAbsolute(configPath))
    configPath = resolve(env.INIT_CWD || process.cwd(), configPath);
  return { configPath, port, printConfig, hashKey, help };
}
