import { fixtureReader, sseFrame } from '@hub/testing';

/** The wire fixtures of this package, copied from OpenAI's documentation. */
export const fixtures = fixtureReader(new URL('../__fixtures__/', import.meta.url));

/** The end-of-stream marker frame of Chat Completions. */
export const DONE_FRAME = 'data: [DONE]\n\n';

/** A real-looking fake OpenAI project key (never valid anywhere). */
export const FAKE_OPENAI_KEY =
  'sk-proj-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6T3BlbkFJ';

/** A text-only chat.completion.chunk with OpenAI's envelope. */
export function textChunk(text: string, finishReason: string | null = null, model = 'gpt-4o-mini'): string {
  return sseFrame({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [
      { index: 0, delta: text === '' ? {} : { content: text }, logprobs: null, finish_reason: finishReason },
    ],
    usage: null,
  });
}

/** The `include_usage` chunk: empty choices, the usage of the whole request. */
export function usageChunk(promptTokens: number, completionTokens: number, model = 'gpt-4o-mini'): string {
  return sseFrame({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  });
}

/** A non-streaming `chat.completion` body answering `text`. */
export function completionBody(text: string, model = 'gpt-4o-mini'): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
  };
}

/** A `chat.completion` calling one tool, and the same as a stream in two argument fragments. */
export function toolCallReply(name: string, argumentsJson: string): { body: object; frames: string[] } {
  const call = { id: 'call_contract', type: 'function', function: { name, arguments: argumentsJson } };
  const chunk = (delta: object, finishReason: string | null) =>
    sseFrame({
      id: 'chatcmpl-tool',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
  const half = Math.floor(argumentsJson.length / 2);
  return {
    body: {
      id: 'chatcmpl-tool',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, tool_calls: [call], refusal: null },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 40, completion_tokens: 8, total_tokens: 48 },
    },
    frames: [
      chunk(
        { role: 'assistant', tool_calls: [{ index: 0, ...call, function: { name, arguments: '' } }] },
        null,
      ),
      chunk({ tool_calls: [{ index: 0, function: { arguments: argumentsJson.slice(0, half) } }] }, null),
      chunk({ tool_calls: [{ index: 0, function: { arguments: argumentsJson.slice(half) } }] }, null),
      chunk({}, 'tool_calls'),
      DONE_FRAME,
    ],
  };
}
