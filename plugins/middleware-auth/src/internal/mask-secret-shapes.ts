// Shapes of credentials that may be echoed in a token endpoint's error message. Lengths are
// required so that ordinary words ("sk-learn", "token=") stay readable.
const SECRET_SHAPES =
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}|(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_*-]{12,}|(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}|(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*|\b((?:access_|refresh_|id_)?token|key|api_?key|secret|password|client_secret)(["']?\s*[=:]\s*["']?)[^\s"'&,;]+/gi;

/**
 * Masks credential-shaped substrings of `text` (bearer tokens, `sk-…` keys, AWS key ids, Google
 * keys, JWTs, `token=…` pairs) and every occurrence of the `known` secrets.
 */
export function maskSecretShapes(text: string, known: readonly string[] = []): string {
  let result = text;
  for (const secret of known) {
    if (secret.length > 0 && result.includes(secret)) result = result.replaceAll(secret, '[REDACTED]');
  }
  return result.replace(SECRET_SHAPES, (match, name: string | undefined, separator: string | undefined) => {
    if (name !== undefined) return `${name}${separator ?? '='}[REDACTED]`;
    const space = match.search(/\s/);
    // keep the scheme so a reader still sees which kind of credential it was
    return space > 0 && /^(?:Bearer|Basic)$/i.test(match.slice(0, space))
      ? `${match.slice(0, space)} [REDACTED]`
      : '[REDACTED]';
  });
}
