import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { childEnvironment } from '../process/child-environment.js';
import { TYPESCRIPT_EXEC_ARGV } from '../process/typescript-exec-argv.js';
import { childFailureLine } from './child-failure-line.js';
import type { GovernanceBackend, GovernanceMeasurement } from './governance-measurement.js';
import { parseGovernanceOutput } from './parse-governance-output.js';

/** One child run of the gateway's governance measurement. */
export interface GovernanceRunOptions {
  readonly backend: GovernanceBackend;
  /** Simulated upstream time per call in ms (0: calls back to back, a capacity figure). */
  readonly upstreamMs: number;
  readonly calls: number;
  readonly warmupCalls: number;
  readonly concurrency: number;
  /** The child is killed after this long. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

// the child's output is one JSON line; anything past this is a runaway log, not a result
const MAX_OUTPUT_CHARS = 1024 * 1024;

/**
 * Runs `@hub/gateway`'s `src/test-support/run-governance-measurement.ts --json` in a fresh Node
 * process — through tsx, its workspace packages from their `dist` like the gateway group — and
 * parses what it printed. The server database is the one at `DATABASE_URL` (the child's default:
 * `postgres://postgres@127.0.0.1:5432/test`); the child works in a fresh schema and drops it.
 *
 * @param options - What to run and for how long at most.
 * @returns The measurement.
 * @throws Error with the child's error line when it failed, timed out or printed no result.
 */
export function measureGovernance(options: GovernanceRunOptions): Promise<GovernanceMeasurement> {
  const require = createRequire(import.meta.url);
  const gatewayRoot = dirname(require.resolve('@hub/gateway/package.json'));
  const args = [
    ...TYPESCRIPT_EXEC_ARGV,
    join(gatewayRoot, 'src/test-support/run-governance-measurement.ts'),
    '--json',
    '--upstream-ms',
    String(options.upstreamMs),
    '--calls',
    String(options.calls),
    '--warmup-calls',
    String(options.warmupCalls),
    '--concurrency',
    String(options.concurrency),
    ...(options.backend === 'pglite' ? ['--pglite'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: gatewayRoot,
      env: childEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
      ...(options.signal !== undefined && { signal: options.signal }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT_CHARS) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      // the end holds the error; keep a bounded tail
      stderr = (stderr + chunk).slice(-16_384);
    });
    child.on('error', (error) => reject(error));
    child.on('close', (code, signal) => {
      if (signal !== null) {
        const why = options.signal?.aborted
          ? 'aborted'
          : `killed by ${signal} (timeout ${Math.round(options.timeoutMs / 1000)} s)`;
        reject(new Error(`the governance measurement was ${why}`));
      } else if (code !== 0) {
        reject(new Error(`the governance measurement exited with code ${code}: ${childFailureLine(stderr)}`));
      } else {
        try {
          const [measurement] = parseGovernanceOutput(stdout);
          if (measurement === undefined) throw new Error('governance output: no result');
          resolve(measurement);
        } catch (error) {
          reject(error);
        }
      }
    });
  });
}
