/**
 * Node flags that run this app's own TypeScript sources: `tsx` transpiles them on load. There is
 * deliberately no `--conditions=@hub/source`: the workspace packages under test resolve to their
 * built `dist` (`pnpm bench` builds them first through turbo), so the figures are those of the
 * JavaScript users install. The transpile of the app's files happens once at load time, before any
 * warm-up, and is never measured.
 */
export const TYPESCRIPT_EXEC_ARGV: readonly string[] = ['--import', 'tsx'];
