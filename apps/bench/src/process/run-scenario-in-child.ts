import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScenarioOutcome } from '../scenarios/run-scenario-task.js';
import type { ScenarioTask } from '../scenarios/scenario-task.js';
import { childEnvironment } from './child-environment.js';
import { TYPESCRIPT_EXEC_ARGV } from './typescript-exec-argv.js';

/** Options of `runScenarioInChild`. */
export interface ChildRunOptions {
  /** The child is killed after this long. */
  readonly timeoutMs: number;
  /** Extra Node flags (`--cpu-prof`, `--max-old-space-size`). */
  readonly execArgv?: readonly string[];
}

const ENTRY = fileURLToPath(new URL('../scenarios/scenario-process.ts', import.meta.url));

/**
 * Runs one scenario task in a fresh Node process (with `--expose-gc`), so every client is
 * measured without the libraries, JIT state or garbage of another. The child's stdout goes to
 * this process's stderr: the results table owns stdout.
 *
 * @param task - The task, passed as JSON in `BENCH_TASK`.
 * @param options - Timeout and extra flags.
 * @returns The child's measurement.
 * @throws Error with the child's message when it failed, exited without a result or timed out.
 */
export function runScenarioInChild(task: ScenarioTask, options: ChildRunOptions): Promise<ScenarioOutcome> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], {
      execArgv: [...TYPESCRIPT_EXEC_ARGV, '--expose-gc', ...(options.execArgv ?? [])],
      env: childEnvironment({ BENCH_TASK: JSON.stringify(task) }),
      stdio: ['ignore', 2, 'inherit', 'ipc'],
    });
    let settled = false;
    const settle = (error: Error | undefined, result?: ScenarioOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === undefined) resolve(result as ScenarioOutcome);
      else reject(error);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(new Error(`timed out after ${Math.round(options.timeoutMs / 1000)} s`));
    }, options.timeoutMs);
    let outcome: { result: ScenarioOutcome } | { error: Error } | undefined;
    child.on('message', (message: { type: string; result?: ScenarioOutcome; message?: string }) => {
      outcome =
        message.type === 'result'
          ? { result: message.result as ScenarioOutcome }
          : { error: new Error(message.message ?? 'the scenario failed') };
    });
    child.on('error', (error) => settle(error));
    // settled on exit, not on the message: `--cpu-prof` writes its profile while the process exits
    child.on('exit', (code, signal) => {
      if (outcome === undefined) {
        settle(new Error(`the scenario process exited (${signal ?? `code ${code}`}) without a result`));
      } else if ('error' in outcome) settle(outcome.error);
      else settle(undefined, outcome.result);
    });
  });
}
