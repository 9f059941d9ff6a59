/** What an error body said, whatever its shape. */
export interface OpenAIErrorDetails {
  readonly message: string | undefined;
  readonly type: string | undefined;
  readonly code: string | undefined;
  readonly param: string | undefined;
}

const NONE: OpenAIErrorDetails = { message: undefined, type: undefined, code: undefined, param: undefined };

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  // vLLM and some proxies put the HTTP status in `code`
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

// FastAPI validation errors: `{"detail":[{"loc":[…],"msg":"…","type":"…"}]}`
function describeDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return text(detail);
  if (Array.isArray(detail)) {
    const messages: string[] = [];
    for (const item of detail) {
      const entry = record(item);
      const message = text(entry?.msg) ?? text(entry?.message);
      if (message !== undefined) messages.push(message);
    }
    return messages.length === 0 ? undefined : messages.join('; ');
  }
  const entry = record(detail);
  return text(entry?.message) ?? text(entry?.msg);
}

/**
 * Reads message, type, code and param from the error bodies Chat Completions servers send:
 * OpenAI's `{"error":{"message","type","param","code"}}`, `{"error":"message"}` (Ollama, LM
 * Studio), `{"detail":"…"}` or FastAPI's `{"detail":[{"msg":…}]}` (vLLM and other Python servers)
 * and flat `{"object":"error","message","type","code"}` bodies (vLLM, Mistral).
 */
export function readOpenAIErrorDetails(body: unknown): OpenAIErrorDetails {
  const root = record(Array.isArray(body) ? body[0] : body);
  if (root === undefined) return NONE;
  const nested = record(root.error);
  if (nested !== undefined) {
    return {
      message: text(nested.message),
      type: text(nested.type),
      code: text(nested.code),
      param: text(nested.param),
    };
  }
  if (typeof root.error === 'string') {
    return { message: text(root.error), type: text(root.type), code: text(root.code), param: undefined };
  }
  if (root.detail !== undefined) {
    return {
      message: describeDetail(root.detail),
      type: text(root.type),
      code: text(root.code),
      param: undefined,
    };
  }
  return {
    message: text(root.message),
    type: text(root.type),
    code: text(root.code),
    param: text(root.param),
  };
}
