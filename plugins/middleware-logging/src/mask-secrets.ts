/** What a masked secret is replaced with, in values and (through pino `redact`) in fields. */
export const REDACTED = '[REDACTED]';

// Each alternative is a credential shape that appears in error messages, URLs and labels. Lengths
// are required so ordinary words ("sk-learn", "Bearer of bad news") stay readable.
const SECRET_SHAPES = new RegExp(
  [
    // 1: an authorization scheme and its credential; the scheme is kept for the reader
    '\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}',
    // OpenAI (sk-…, sk-proj-…), Anthropic (sk-ant-api03-…), OpenRouter (sk-or-…) keys; `*` because
    // providers echo partly starred keys whose tail still identifies the key
    '(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_*-]{16,}',
    // AWS access key ids
    '(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])',
    // Google API keys
    '(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}',
    // Groq, xAI, Hugging Face, GitHub, GitLab and Slack tokens
    '(?<![A-Za-z0-9])(?:gsk_|xai-|hf_|ghp_|gho_|ghs_|github_pat_|glpat-|xox[abprs]-)[A-Za-z0-9_-]{16,}',
    // JSON web tokens
    '(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*',
    // 2, 3: `key=…`, `access_token=…`, `AccountKey=…`, `client_secret=…` in URLs and connection strings
    '(?<![A-Za-z0-9])([A-Za-z0-9_-]*?(?:key|token|secret|password|passwd|signature|sig|credentials?))(\\s*=\\s*)[^\\s&"\',;}]+',
    // 4, 5: `"apiKey": "…"` and `token: …` in JSON or prose, for values long enough to be a token
    '(?<![A-Za-z0-9])([A-Za-z0-9_-]*?(?:key|token|secret|password|credentials?))(["\']?\\s*:\\s*["\']?)[A-Za-z0-9+/=_.~-]{16,}',
  ].join('|'),
  'gi',
);

function replace(
  _match: string,
  scheme: string | undefined,
  assignedName: string | undefined,
  assignment: string | undefined,
  labelName: string | undefined,
  label: string | undefined,
): string {
  if (scheme !== undefined) return `${scheme} ${REDACTED}`;
  if (assignedName !== undefined) return `${assignedName}${assignment}${REDACTED}`;
  if (labelName !== undefined) return `${labelName}${label}${REDACTED}`;
  return REDACTED;
}

/**
 * Masks substrings shaped like credentials, without knowing the secrets: `Bearer …` / `Basic …`
 * tokens, `sk-…` keys (OpenAI `sk-proj-…`, Anthropic `sk-ant-…`), AWS key ids (`AKIA…`), Google
 * keys (`AIza…`), Groq / xAI / Hugging Face / GitHub / Slack tokens, JWTs, and the value after
 * `key=`, `token=`, `secret=`, `password=`, `signature=` (and names ending so, such as
 * `access_token=` or `AccountKey=`), or after `"apiKey": ` when it looks like a token.
 *
 * @param text - Any text about to be logged.
 * @returns `text` itself when nothing matched, else a copy with each secret replaced by
 *   `[REDACTED]` (the scheme or field name before it is kept).
 */
export function maskSecrets(text: string): string {
  return text.replace(SECRET_SHAPES, replace);
}
