import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { BenchEnvironment } from './bench-results.js';
import { packageVersion } from './package-version.js';

const MEASURED_PACKAGES = [
  'undici',
  'openai',
  'ai',
  '@ai-sdk/openai',
  '@langchain/openai',
  '@langchain/core',
  '@portkey-ai/gateway',
  'pino',
] as const;

/**
 * Describes the machine and the installed versions of every library measured.
 *
 * @returns The environment block of the results.
 */
export function describeEnvironment(): BenchEnvironment {
  const processors = cpus();
  const versions: Record<string, string> = {};
  for (const name of MEASURED_PACKAGES) versions[name] = packageVersion(name);
  return {
    node: process.versions.node,
    platform: `${platform()} ${release()}`,
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    loadAverage: loadavg()[0] ?? 0,
    versions,
  };
}
