/**
 * Node flags that run this app's TypeScript sources directly: `tsx` transpiles on load and the
 * `@hub/source` export condition resolves workspace packages to their sources, so no build is
 * needed. The transpile happens once per file at load time, before any warm-up, and is never
 * measured.
 */
export const TYPESCRIPT_EXEC_ARGV: readonly string[] = ['--conditions=@hub/source', '--import', 'tsx'];
