import type { ChildProcess } from 'node:child_process';

/**
 * Stops a child this app started: SIGTERM, then SIGKILL if it is still running after five
 * seconds. Resolves when it exited.
 *
 * @param child - The child process.
 */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
