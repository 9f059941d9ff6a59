import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/** The version in the package.json of the package being built or tested (the working directory). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
}

/**
 * The build every published package shares: ESM with declarations and source maps for Node 20,
 * and `__PACKAGE_VERSION__` replaced by the package's own version (so no source file hard-codes
 * it). `overrides` adds entries or externals.
 */
export function packageBuild(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    // the build must not resolve workspace packages to their sources (the `@hub/source` condition)
    dts: { compilerOptions: { customConditions: [] } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    define: { __PACKAGE_VERSION__: JSON.stringify(packageVersion()) },
    ...overrides,
  };
}
