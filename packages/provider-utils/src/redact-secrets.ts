/** The text that replaces a redacted secret. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each known secret in `text` with `[REDACTED]`. Use it on
 * anything that may echo a credential back (provider error messages, logged URLs).
 *
 * @param text - The text to clean.
 * @param secrets - The exact secret values; empty strings are ignored. Longer secrets are
 *   replaced first, so a secret that contains another is still fully masked.
 * @returns `text` itself when nothing matched (no allocation), otherwise the cleaned copy.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text.length === 0) return text;
  const ordered =
    secrets.length === 1 ? secrets : [...secrets].sort((left, right) => right.length - left.length);
  let result = text;
  for (const secret of ordered) {
    if (secret.length > 0 && result.includes(secret)) result = result.replaceAll(secret, REDACTED);
  }
  return result;
}
