/** What a masked secret is replaced with, in text, config dumps and logged fields. */
export const REDACTED = '[REDACTED]';

// Each alternative is a credential shape that appears in error messages, URLs, config dumps and
// logs. Lengths are required so ordinary words ("sk-learn", "Bearer of bad news") stay readable.
// Capturing groups, by number, keep the part a reader needs to see what was masked.
const SECRET_SHAPES = new RegExp(
  [
    // 1: an authorization scheme and its credential; the scheme is kept for the reader
    '\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}',
    // 2: the userinfo of a URL (`redis://:password@host`, `postgres://user:pw@host`); the scheme is kept
    '\\b([a-z][a-z0-9+.-]*://)[^\\s/@:]*:[^\\s/@]+@',
    // OpenAI (sk-…, sk-proj-…, sk-svcacct-…), Anthropic (sk-ant-…), OpenRouter (sk-or-…) keys; `*`
    // because providers echo partly starred keys whose tail still identifies the key; a key may
    // follow `_` or `-` (`bad_key_sk-…`), not a letter or digit
    '(?<![A-Za-z0-9])sk-[A-Za-z0-9_*-]{16,}',
    // AWS access key ids
    '(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])',
    // Google API keys and OAuth access tokens
    '(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}',
    '(?<![A-Za-z0-9])ya29\\.[A-Za-z0-9_-]{20,}',
    // Groq, xAI, Hugging Face, GitHub, GitLab and Slack tokens
    '(?<![A-Za-z0-9])(?:gsk_|xai-|hf_|ghp_|gho_|ghs_|ghu_|github_pat_|glpat-|xox[abprs]-)[A-Za-z0-9_-]{16,}',
    // JSON web tokens
    '(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*',
    // 3, 4: `key=…`, `access_token=…`, `AccountKey=…`, `client_secret=…` in URLs and connection strings
    '(?<![A-Za-z0-9])([A-Za-z0-9_-]*?(?:key|token|secret|password|passwd|signature|sig|credentials?))(\\s*=\\s*)[^\\s&"\',;}]+',
    // 5, 6: `"password": "…"`, `"client_secret": "…"` — a quoted JSON field whose name says it
    // holds a secret, whatever the value's length (JSON names are deliberate, prose is not)
    '"([A-Za-z0-9_-]*?(?:key|token|secret|password|passwd|credentials?))"(\\s*:\\s*")(?:[^"\\\\]|\\\\.)+(?=")',
    // 7, 8: `apiKey: …` and `token: …` in prose, for values long enough to be a token
    '(?<![A-Za-z0-9])([A-Za-z0-9_-]*?(?:key|token|secret|password|credentials?))(["\']?\\s*:\\s*["\']?)[A-Za-z0-9+/=_.~-]{16,}',
  ].join('|'),
  'gi',
);

function replaceShape(
  _match: string,
  scheme: string | undefined,
  urlScheme: string | undefined,
  assignedName: string | undefined,
  assignment: string | undefined,
  fieldName: string | undefined,
  fieldSeparator: string | undefined,
  labelName: string | undefined,
  label: string | undefined,
): string {
  if (scheme !== undefined) return `${scheme} ${REDACTED}`;
  if (urlScheme !== undefined) return `${urlScheme}${REDACTED}@`;
  if (assignedName !== undefined) return `${assignedName}${assignment}${REDACTED}`;
  if (fieldName !== undefined) return `"${fieldName}"${fieldSeparator}${REDACTED}`;
  if (labelName !== undefined) return `${labelName}${label}${REDACTED}`;
  return REDACTED;
}

/**
 * Masks substrings shaped like credentials, without knowing the secrets, plus every occurrence of
 * the `known` secrets: `Bearer …` / `Basic …` tokens, URL userinfo (`redis://:pw@host`), `sk-…`
 * keys (OpenAI `sk-proj-…`, Anthropic `sk-ant-…`), AWS key ids (`AKIA…`), Google keys (`AIza…`)
 * and OAuth tokens (`ya29.…`), Groq / xAI / Hugging Face / GitHub / GitLab / Slack tokens, JWTs,
 * and the value after `key=`, `token=`, `secret=`, `password=`, `signature=` (and names ending
 * so, such as `access_token=` or `AccountKey=`), or after `"apiKey": ` when it looks like a token.
 *
 * The one masking policy of the project: providers' errors, logging, auth and config dumps all
 * call it, so a shape added here is masked everywhere.
 *
 * @param text - Any text about to leave the process (an error message, a log line, a dump).
 * @param known - Exact secrets to mask wherever they appear (for example the configured key).
 * @returns `text` itself when nothing matched, else a copy with each secret replaced by
 *   `[REDACTED]` (the scheme or field name before it is kept).
 */
export function maskSecrets(text: string, known: readonly string[] = []): string {
  let result = text;
  // longest first, so a secret that contains another is masked whole
  const ordered = known.length < 2 ? known : [...known].sort((left, right) => right.length - left.length);
  for (const secret of ordered) {
    // very short "secrets" would mask ordinary words; they cannot be told apart from text
    if (secret.length >= 4 && result.includes(secret)) result = result.replaceAll(secret, REDACTED);
  }
  return result.replace(SECRET_SHAPES, replaceShape);
}
