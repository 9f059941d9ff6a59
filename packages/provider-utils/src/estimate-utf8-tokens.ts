// UTF-8 bytes over three over-counts English (about four characters per token) and roughly
// matches scripts of three-byte characters that take a token each
const BYTES_PER_TOKEN = 3;

/**
 * A conservative token count of `text` without a tokenizer: its UTF-8 bytes divided by three,
 * rounded up, never fewer than the real count for English or CJK text. For keeping a batch
 * under an API's per-request token limit (`splitIntoBatches`), not for billing. Linear in the
 * text's length; allocates nothing.
 */
export function estimateUtf8Tokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / BYTES_PER_TOKEN);
}
