import { REDACTED } from './redact-secrets.js';

// Shapes of credentials that show up in error messages and logs. Each requires enough length
// that ordinary words ("sk-learn", "task-list") do not match; a key may follow `_` or `-`
// (`bad_key_sk-…`), not a letter or digit. `*` is allowed in `sk-` keys
// because providers echo partially starred keys ("sk-proj-****abcd") whose tail still identifies
// the key.
const SECRET_PATTERN = new RegExp(
  [
    '\\b(?:[Bb]earer|[Bb]asic)\\s+[A-Za-z0-9._~+/=-]{8,}',
    '(?<![A-Za-z0-9])sk-[A-Za-z0-9_*-]{16,}',
    '(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])',
    '(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}',
    '(?<![A-Za-z0-9])gsk_[A-Za-z0-9]{20,}',
    '(?<![A-Za-z0-9])xai-[A-Za-z0-9]{20,}',
    '(?<![A-Za-z0-9])hf_[A-Za-z0-9]{20,}',
    '(?<![A-Za-z0-9])ya29\\.[A-Za-z0-9_-]{20,}',
    '(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}',
  ].join('|'),
  'g',
);

function replaceMatch(match: string): string {
  const first = match.charCodeAt(0);
  // keep the scheme (`Bearer`, `Basic`) so a reader still sees which kind of credential it was
  if (first === 66 || first === 98) return `${match.slice(0, match.search(/\s/))} ${REDACTED}`;
  return REDACTED;
}

/**
 * Masks substrings shaped like credentials, without knowing the actual secret: OpenAI-style
 * `sk-…` (including `sk-proj-…` and Anthropic's `sk-ant-…`), `Bearer …`/`Basic …` tokens, AWS
 * access key ids (`AKIA…`, `ASIA…`), Google API keys (`AIza…`) and OAuth tokens (`ya29.…`),
 * Groq `gsk_…`, xAI `xai-…`, Hugging Face `hf_…` tokens and JWTs (`eyJ….eyJ….…`). For error messages and logs that may echo a request back.
 *
 * @param text - The text to clean.
 * @returns `text` itself when nothing matched, otherwise a copy with each match replaced by
 *   `[REDACTED]` (`Bearer [REDACTED]` for authorization schemes).
 */
export function redactSecretPatterns(text: string): string {
  return text.replace(SECRET_PATTERN, replaceMatch);
}
