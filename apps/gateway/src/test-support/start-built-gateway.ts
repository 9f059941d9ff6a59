import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The committed `hub-gateway` bin, which runs the build in `dist`. */
export const GATEWAY_BIN = fileURLToPath(new URL('../../bin/hub-gateway.js', import.meta.url));
const BUILT_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** A `hub-gateway` process started from the build, listening on a free port. */
export interface BuiltGateway {
  readonly url: string;
  readonly child: ChildProcess;
  /** Sends SIGTERM and waits for the exit code (the gateway drains, then exits 0). */
  stop(): Promise<number | null>;
}

/**
 * Spawns `node bin/hub-gateway.js --port 0` as a user would after `npm install -g`: plain node
 * (no tsx, no `@hub/source` condition, no inherited `NODE_OPTIONS`), and an environment without
 * provider keys, `HUB_CONFIG` or `REDIS_URL`, so it serves the embedded mock default. Resolves
 * with the URL from the `listening` log line.
 *
 * @throws Error when the build is missing (naming the command that makes it), when the process
 *   exits before listening, or when `signal` aborts.
 */
export async function startBuiltGateway(signal: AbortSignal): Promise<BuiltGateway> {
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(
      `${BUILT_MAIN} is missing: run \`pnpm turbo run build --filter=@hub/gateway...\` (turbo's test task builds it first).`,
    );
  }
  const child = spawn(process.execPath, [GATEWAY_BIN, '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    signal,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const onData = (text: string): void => {
      buffered += text;
      for (const line of buffered.split('\n').slice(0, -1)) {
        const entry = JSON.parse(line) as { url?: string };
        if (entry.url !== undefined) {
          child.stdout.off('data', onData);
          resolve(entry.url);
        }
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`hub-gateway exited with ${code} before listening: ${stderr}`)),
    );
  });
  // the rest of the log is not read; draining it keeps the pipe from filling and blocking writes
  child.stdout.resume();
  return {
    url,
    child,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
