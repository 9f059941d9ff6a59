import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BENCH_API_KEY } from '../clients/bench-client.js';
import { childEnvironment } from '../process/child-environment.js';
import { findFreePort } from '../process/find-free-port.js';
import type { ServerProcess } from '../process/server-process.js';
import { stopChild } from '../process/stop-child.js';
import { TYPESCRIPT_EXEC_ARGV } from '../process/typescript-exec-argv.js';
import { waitForHttp } from '../process/wait-for-http.js';

/**
 * Starts `@hub/gateway` as a user would (`src/main.ts --config <file>`) in its own process, with
 * its default configuration except: one OpenAI provider pointed at the fake upstream, the
 * response cache off — every benchmark request is identical, so with the cache on the gateway
 * would answer from memory and the figures would measure the cache, not the proxy path — and the
 * default provider rate limit off (600 requests a minute, queued: it would pace the load, not
 * measure it). Logging stays at `info` (to stdout, discarded); retry, circuit breaker, fallback
 * and Prometheus metrics stay on.
 *
 * @param upstreamOrigin - The fake upstream.
 * @returns The running gateway.
 * @throws Error when it does not answer within 60 seconds.
 */
export async function startHubGateway(upstreamOrigin: string): Promise<ServerProcess> {
  const require = createRequire(import.meta.url);
  const gatewayRoot = dirname(require.resolve('@hub/gateway/package.json'));
  const port = await findFreePort();
  const configPath = join(tmpdir(), `hub-bench-gateway-${process.pid}-${port}.json`);
  await writeFile(
    configPath,
    JSON.stringify({
      server: { host: '127.0.0.1', port },
      providers: [{ type: 'openai', apiKeyEnv: 'BENCH_OPENAI_API_KEY', baseUrl: `${upstreamOrigin}/v1` }],
      cache: false,
      rateLimit: false,
      logging: { level: 'info' },
    }),
  );
  const child = spawn(
    process.execPath,
    [...TYPESCRIPT_EXEC_ARGV, join(gatewayRoot, 'src/main.ts'), '--config', configPath],
    {
      cwd: gatewayRoot,
      env: childEnvironment({ BENCH_OPENAI_API_KEY: BENCH_API_KEY }),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/health`, 60_000, () => child.exitCode !== null);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { origin, pid: child.pid ?? 0, stop: () => stopChild(child) };
}
