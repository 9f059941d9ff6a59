import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment } from '../process/child-environment.js';
import { findFreePort } from '../process/find-free-port.js';
import type { ServerProcess } from '../process/server-process.js';
import { stopChild } from '../process/stop-child.js';
import { TYPESCRIPT_EXEC_ARGV } from '../process/typescript-exec-argv.js';
import { waitForHttp } from '../process/wait-for-http.js';

const FORCE_LOOPBACK = fileURLToPath(new URL('./force-loopback.ts', import.meta.url));

/**
 * Starts Portkey's open-source gateway (`@portkey-ai/gateway`, its published Node build
 * `build/start-server.js --port=<port> --headless`) in its own process. It always listens on
 * every interface, so a preload rewrites its `listen` to 127.0.0.1. Requests reach the fake
 * upstream through its headers `x-portkey-provider: openai` and `x-portkey-custom-host`.
 *
 * @returns The running gateway.
 * @throws Error when it does not answer within 60 seconds.
 */
export async function startPortkeyGateway(): Promise<ServerProcess> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@portkey-ai/gateway/package.json'));
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    [
      ...TYPESCRIPT_EXEC_ARGV,
      '--import',
      FORCE_LOOPBACK,
      join(root, 'build/start-server.js'),
      `--port=${port}`,
      '--headless',
    ],
    { cwd: root, env: childEnvironment(), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/`, 60_000, () => child.exitCode !== null);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { origin, pid: child.pid ?? 0, stop: () => stopChild(child) };
}
