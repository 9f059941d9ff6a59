// What the faulty upstream sends, in OpenAI's Chat Completions wire format as its API reference
// documents it (the object, chunk and error shapes, `data: [DONE]` last on a stream).

/** The answer the upstream gives to `prompt`, whole: a client that got less was cut short. */
export function answerText(prompt: string): string {
  return `Answer to ${prompt}: alpha beta gamma delta.`;
}

/** The content deltas of a streamed answer to `prompt`, in order; they join to `answerText`. */
export function answerDeltas(prompt: string): string[] {
  const text = answerText(prompt);
  const quarter = Math.ceil(text.length / 4);
  return [0, 1, 2, 3].map((index) => text.slice(index * quarter, (index + 1) * quarter));
}

const USAGE = { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 };

/** A non-streamed `chat.completion` answering `prompt` as `model`. */
export function chatCompletionBody(model: string, prompt: string): object {
  return {
    id: 'chatcmpl-chaos',
    object: 'chat.completion',
    created: 1_767_225_600,
    model,
    system_fingerprint: 'fp_chaos',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answerText(prompt), refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: USAGE,
  };
}

function chunk(model: string, choices: object[], usage: object | null = null): string {
  const body = {
    id: 'chatcmpl-chaos',
    object: 'chat.completion.chunk',
    created: 1_767_225_600,
    model,
    system_fingerprint: 'fp_chaos',
    choices,
    usage,
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/**
 * Every SSE event of a streamed answer to `prompt`, framed: the role, the content deltas, the
 * finish reason, the usage-only chunk when the request asked for it
 * (`stream_options.include_usage`), then `data: [DONE]`.
 */
export function chatCompletionEvents(model: string, prompt: string, includeUsage: boolean): string[] {
  const delta = (content: object, finishReason: string | null) => ({
    index: 0,
    delta: content,
    logprobs: null,
    finish_reason: finishReason,
  });
  return [
    chunk(model, [delta({ role: 'assistant', content: '', refusal: null }, null)]),
    ...answerDeltas(prompt).map((content) => chunk(model, [delta({ content }, null)])),
    chunk(model, [delta({}, 'stop')]),
    ...(includeUsage ? [chunk(model, [], USAGE)] : []),
    'data: [DONE]\n\n',
  ];
}

/** An OpenAI error body (`{"error":{message,type,param,code}}`). */
export function openAIErrorBody(message: string, type: string, code: string | null): object {
  return { error: { message, type, param: null, code } };
}
