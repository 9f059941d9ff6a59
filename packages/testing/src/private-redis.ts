// A redis-server of the test's own, never the machine's Redis on 6379: a test may kill it.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { findFreePort } from './find-free-port.js';

/**
 * A redis-server process on a free port, which a test can stop and start again on that port (an
 * outage and a recovery, as the clients connected to it see them).
 */
export interface PrivateRedis {
  /** `redis://:<password>@127.0.0.1:<port>`. */
  readonly url: string;
  readonly password: string;
  readonly running: boolean;
  /** Starts the server (again) on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Kills the server (SIGKILL: an outage, not a shutdown); resolves once it exited. */
  stop(): Promise<void>;
}

/**
 * Prepares a private redis-server (no persistence, password required, loopback only) on a free
 * port; call `start()` to run it, and `stop()` in the test's `afterAll`. The server prints "Ready
 * to accept connections" when it is: the start waits for that line, not for a time. Needs
 * `redis-server` on the `PATH`. A restarted server is empty: nothing is saved across `stop()`.
 *
 * @throws Error from `start()` when redis-server cannot be run or exits before it is ready.
 */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await findFreePort();
  const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
  let child: ChildProcess | undefined;
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    password,
    get running() {
      return child !== undefined;
    },
    async start() {
      if (child !== undefined) return;
      const started = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--requirepass',
          password,
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      child = started;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (data: Buffer): void => {
          output += data.toString();
          if (output.includes('Ready to accept connections')) {
            started.stdout?.off('data', onData);
            started.stdout?.resume();
            resolve();
          }
        };
        started.stdout?.on('data', onData);
        started.once('error', reject);
        started.once('exit', (code) =>
          reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)),
        );
      });
    },
    async stop() {
      const running = child;
      if (running === undefined) return;
      child = undefined;
      if (running.exitCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGKILL');
      await exited;
    },
  };
}
