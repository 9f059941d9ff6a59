const MIN_LENGTH_FOR_PREFIX = 12;

/**
 * Masks a secret for display: at most its first three characters (for long values only), an
 * ellipsis and its length, as in `sk-…(51 chars)`. The tail is never shown: the last characters
 * are what key-management consoles display, so showing them would identify the key.
 *
 * @param value - The secret to mask.
 * @returns The masked form; an empty string stays empty.
 */
export function maskSecret(value: string): string {
  if (value.length === 0) return '';
  // short values lose too much entropy from a three-character prefix, so they show none
  const prefix = value.length >= MIN_LENGTH_FOR_PREFIX ? value.slice(0, 3) : '';
  return `${prefix}…(${value.length} chars)`;
}
