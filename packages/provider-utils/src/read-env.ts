/**
 * Reads one environment variable, treating an empty or whitespace-only value as unset, and
 * trimming the rest. Providers use it in `fromEnv()` so that `OPENAI_API_KEY=` in a `.env` file
 * means "not configured" rather than "an empty key that fails with 401 at the first request".
 *
 * @param env - The environment to read, usually `process.env`.
 * @param name - The variable's exact name (environment names are case-sensitive on POSIX).
 * @returns The trimmed value, or `undefined` when absent or blank.
 */
export function readEnv(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
