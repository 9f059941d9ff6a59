// encodeURIComponent plus the characters it leaves alone that AWS escapes too (as the AWS SDK does)
function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The Bedrock Runtime path of a model operation, `/model/{modelId}/{action}`, with the model id
 * (a base model id, an inference profile id or an ARN) percent-encoded into one segment
 * (`:` → `%3A`, `/` → `%2F`), as SigV4 signs it.
 *
 * @param model - The model id without the provider prefix.
 * @param action - `converse`, `converse-stream`, `invoke` or `count-tokens`.
 */
export function modelPath(model: string, action: string): string {
  return `/model/${encodePathSegment(model)}/${action}`;
}
