import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The workspace packages every hub scenario loads; each must resolve to a built file. */
export const MEASURED_WORKSPACE_PACKAGES = [
  '@hub/core',
  '@hub/provider-openai',
  '@hub/middleware-cache',
  '@hub/middleware-circuit-breaker',
  '@hub/middleware-fallback',
  '@hub/middleware-logging',
  '@hub/middleware-metrics',
  '@hub/middleware-rate-limit',
  '@hub/middleware-retry',
] as const;

/**
 * Checks that the workspace packages resolve to their built `dist` (no `@hub/source` condition
 * in this process) and that the files exist, so a run never measures stale or missing builds by
 * surprise. `pnpm bench` from the repository root builds them first.
 *
 * @param resolve - Resolves a specifier to a URL (`import.meta.resolve`); injectable for tests.
 * @throws Error naming the first package that resolves to sources or to a missing file.
 */
export function assertBuiltPackages(resolve: (specifier: string) => string): void {
  for (const name of MEASURED_WORKSPACE_PACKAGES) {
    const path = fileURLToPath(resolve(name));
    if (!path.includes('/dist/')) {
      throw new Error(`${name} resolves to ${path}, not to its dist: run without --conditions=@hub/source`);
    }
    if (!existsSync(path)) {
      throw new Error(
        `${name} is not built (${path} is missing): run \`pnpm bench\` from the repository root, or \`pnpm build\` first`,
      );
    }
  }
}
