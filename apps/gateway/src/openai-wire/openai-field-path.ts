/** A field path as OpenAI's errors write it: `messages[0].content[1].image_url`. */
export function openAIFieldPath(segments: readonly (string | number)[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path === '' ? 'body' : path;
}
