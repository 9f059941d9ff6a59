/**
 * How one call to the gateway's `/v1/chat/completions` ended, as its client sees it. The suite's
 * invariant is that every call ends `complete` or with a typed error; `broken` is the bug.
 */
export type ChatOutcome =
  /** 200 with the whole answer: a JSON body, or a stream through `finish_reason` and `[DONE]`. */
  | { readonly kind: 'complete' }
  /** A non-200 status with OpenAI's error body; `retryAfter` is the header, when sent. */
  | {
      readonly kind: 'error-status';
      readonly status: number;
      readonly code: string;
      readonly retryAfter?: string;
    }
  /** A stream that ended with OpenAI's error frame (`data: {"error":…}`) and nothing after it. */
  | { readonly kind: 'error-frame'; readonly code: string }
  /**
   * Anything else: a stream or body cut short without an error (silent truncation), an answer
   * that is not the upstream's, an error in another shape, a failed connection, a hang.
   */
  | { readonly kind: 'broken'; readonly detail: string };

interface OpenAIErrorBody {
  readonly error?: { readonly message?: unknown; readonly code?: unknown; readonly type?: unknown };
}

/** The `code` of an OpenAI error body, or undefined when `body` is not one. */
function errorCode(body: unknown): string | undefined {
  const error = (body as OpenAIErrorBody | null)?.error;
  if (typeof error !== 'object' || error === null || typeof error.message !== 'string') return undefined;
  return typeof error.code === 'string' ? error.code : String(error.type);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Classifies a non-streamed answer: `expectedText` is what the upstream answered in full.
 *
 * @param status - The HTTP status.
 * @param headers - The response headers.
 * @param text - The whole body.
 */
export function classifyCompletion(
  status: number,
  headers: Headers,
  text: string,
  expectedText: string,
): ChatOutcome {
  const body = parseJson(text);
  if (status !== 200) return errorStatus(status, headers, body, text);
  const content = (body as { choices?: { message?: { content?: unknown } }[] } | undefined)?.choices?.[0]
    ?.message?.content;
  if (content !== expectedText)
    return { kind: 'broken', detail: `200 with content ${JSON.stringify(content)}` };
  return { kind: 'complete' };
}

function errorStatus(status: number, headers: Headers, body: unknown, text: string): ChatOutcome {
  const code = errorCode(body);
  if (code === undefined)
    return { kind: 'broken', detail: `${status} not in OpenAI's shape: ${text.slice(0, 200)}` };
  const retryAfter = headers.get('retry-after');
  return { kind: 'error-status', status, code, ...(retryAfter !== null && { retryAfter }) };
}

/**
 * Classifies a streamed answer from its status and whole body. Complete means: every delta joins
 * to `expectedText`, a chunk carried `finish_reason`, `[DONE]` came last. An error frame must be
 * the last event: anything after it, or an end with neither, is `broken`.
 */
export function classifyStream(
  status: number,
  headers: Headers,
  text: string,
  expectedText: string,
): ChatOutcome {
  if (status !== 200) return errorStatus(status, headers, parseJson(text), text);
  const payloads = text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim());
  let content = '';
  let finishReason: unknown;
  for (const [index, payload] of payloads.entries()) {
    const last = index === payloads.length - 1;
    if (payload === '[DONE]') {
      if (!last) return { kind: 'broken', detail: 'events after [DONE]' };
      if (finishReason === undefined) return { kind: 'broken', detail: '[DONE] without a finish_reason' };
      if (content !== expectedText)
        return { kind: 'broken', detail: `[DONE] after ${JSON.stringify(content)}` };
      return { kind: 'complete' };
    }
    const event = parseJson(payload);
    const code = errorCode(event);
    if (code !== undefined) {
      return last ? { kind: 'error-frame', code } : { kind: 'broken', detail: 'events after an error frame' };
    }
    const choice = (event as { choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[] })
      ?.choices?.[0];
    if (typeof choice?.delta?.content === 'string') content += choice.delta.content;
    if (typeof choice?.finish_reason === 'string') finishReason = choice.finish_reason;
  }
  return { kind: 'broken', detail: `stream ended silently after ${payloads.length} events` };
}
