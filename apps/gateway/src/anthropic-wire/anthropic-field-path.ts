/** A field path as Anthropic's errors write it: `messages.1.content.0.tool_use_id`. */
export function anthropicFieldPath(segments: readonly (string | number)[]): string {
  return segments.length === 0 ? 'body' : segments.join('.');
}
