import type { HttpFailure } from '../http-failure.js';

function looksLikeJson(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // skip whitespace, then expect an object or array
    if (code === 32 || code === 9 || code === 10 || code === 13) continue;
    return code === 123 || code === 91;
  }
  return false;
}

/**
 * Reads at most `limit` bytes of an error response body. Stopping early destroys the body,
 * which closes the connection; a body read to its end leaves the connection reusable.
 */
export async function readHttpFailure(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: AsyncIterable<Uint8Array>,
  limit: number,
): Promise<HttpFailure> {
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    total += chunk.length;
    if (total > limit) {
      truncated = true;
      // leaving the loop destroys the undici body, closing the connection
      break;
    }
  }
  const length = Math.min(total, limit);
  const bodyText = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)).toString(
    'utf8',
    0,
    length,
  );
  if (truncated || !looksLikeJson(bodyText)) return { status, headers, bodyText };
  try {
    return { status, headers, bodyText, bodyJson: JSON.parse(bodyText) };
  } catch {
    return { status, headers, bodyText };
  }
}
