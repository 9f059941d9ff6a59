/**
 * A tool call's JSON arguments as Anthropic's `input` object. Arguments that are not a JSON
 * object (a model can produce invalid JSON) are passed on as the raw text rather than dropped,
 * so the client sees exactly what the model produced.
 */
export function parseToolInput(argumentsText: string): unknown {
  if (argumentsText.trim() === '') return {};
  try {
    return JSON.parse(argumentsText) as unknown;
  } catch {
    return argumentsText;
  }
}
