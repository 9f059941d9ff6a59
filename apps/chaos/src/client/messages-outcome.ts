import type { ChatOutcome } from './chat-outcome.js';

interface AnthropicErrorBody {
  readonly type?: unknown;
  readonly error?: { readonly type?: unknown; readonly message?: unknown };
}

/** The error `type` of an Anthropic error body, or undefined when `body` is not one. */
function anthropicErrorType(body: unknown): string | undefined {
  const parsed = body as AnthropicErrorBody | null | undefined;
  if (parsed?.type !== 'error' || typeof parsed.error?.message !== 'string') return undefined;
  return String(parsed.error.type);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Classifies a streamed answer of `/v1/messages` (Anthropic's wire format) the way
 * `classifyStream` does OpenAI's: complete means the text deltas join to `expectedText`, a
 * `message_delta` carried a `stop_reason` and `message_stop` came last; a failure is an `error`
 * event with nothing after it, or a non-200 status with Anthropic's error body.
 */
export function classifyMessagesStream(
  status: number,
  headers: Headers,
  text: string,
  expectedText: string,
): ChatOutcome {
  if (status !== 200) {
    const type = anthropicErrorType(parseJson(text));
    if (type === undefined)
      return { kind: 'broken', detail: `${status} not in Anthropic's shape: ${text.slice(0, 200)}` };
    const retryAfter = headers.get('retry-after');
    return { kind: 'error-status', status, code: type, ...(retryAfter !== null && { retryAfter }) };
  }
  const events = text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => parseJson(line.slice(5).trim()) as Record<string, unknown> | undefined);
  let content = '';
  let stopReason: unknown;
  for (const [index, event] of events.entries()) {
    const last = index === events.length - 1;
    const type = event?.type;
    if (type === 'error') {
      const errorType = anthropicErrorType(event);
      if (errorType === undefined) return { kind: 'broken', detail: 'an error event not in Anthropic shape' };
      return last
        ? { kind: 'error-frame', code: errorType }
        : { kind: 'broken', detail: 'events after an error' };
    }
    if (type === 'content_block_delta') {
      const delta = event?.delta as { type?: unknown; text?: unknown } | undefined;
      if (delta?.type === 'text_delta' && typeof delta.text === 'string') content += delta.text;
    }
    if (type === 'message_delta') stopReason = (event?.delta as { stop_reason?: unknown })?.stop_reason;
    if (type === 'message_stop') {
      if (!last) return { kind: 'broken', detail: 'events after message_stop' };
      if (typeof stopReason !== 'string')
        return { kind: 'broken', detail: 'message_stop without a stop_reason' };
      if (content !== expectedText)
        return { kind: 'broken', detail: `message_stop after ${JSON.stringify(content)}` };
      return { kind: 'complete' };
    }
  }
  return { kind: 'broken', detail: `stream ended silently after ${events.length} events` };
}
