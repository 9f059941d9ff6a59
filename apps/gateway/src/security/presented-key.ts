import type { IncomingHttpHeaders } from 'node:http';

/**
 * The key a client presented: `Authorization: Bearer <key>` (OpenAI clients) or `x-api-key`
 * (Anthropic clients); undefined when neither is there or it is empty.
 */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  const presented =
    typeof header === 'string' && header.toLowerCase().startsWith('bearer ')
      ? header.slice(7).trim()
      : typeof headers['x-api-key'] === 'string'
        ? headers['x-api-key']
        : undefined;
  return presented === '' ? undefined : presented;
}
