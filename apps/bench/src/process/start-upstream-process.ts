import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnvironment } from './child-environment.js';
import type { ServerProcess } from './server-process.js';
import { stopChild } from './stop-child.js';
import { TYPESCRIPT_EXEC_ARGV } from './typescript-exec-argv.js';

const ENTRY = fileURLToPath(new URL('../fake-upstream/fake-upstream-process.ts', import.meta.url));

/**
 * Starts the fake upstream in a process of its own and waits until it listens.
 *
 * @param chunks - Content chunks per streamed answer.
 * @returns Its origin and a `stop`.
 * @throws Error when it does not come up within 30 seconds.
 */
export function startUpstreamProcess(chunks: number): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], {
      execArgv: [...TYPESCRIPT_EXEC_ARGV],
      env: childEnvironment({ BENCH_UPSTREAM_CHUNKS: String(chunks) }),
      stdio: ['ignore', 2, 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the fake upstream did not start within 30 s'));
    }, 30_000);
    child.once('message', (message: { type: string; origin: string }) => {
      clearTimeout(timer);
      resolve({ origin: message.origin, pid: child.pid ?? 0, stop: () => stopChild(child) });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake upstream exited with code ${code}`));
    });
  });
}
