import type { ServerResponse } from 'node:http';
import type { RecordedRequest, ScriptedReply } from '@hub/testing';
import type { ScriptedToolCall } from './upstream-harness.js';

// Minimal OpenAI Chat Completions wire bodies, shaped as in OpenAI's API reference.

const ENVELOPE = { id: 'chatcmpl-scripted', created: 1_700_000_000, model: 'gpt-4o-mini-2024-07-18' };
const USAGE = { prompt_tokens: 21, completion_tokens: 7, total_tokens: 28 };

const frame = (chunk: unknown): string => `data: ${JSON.stringify(chunk)}\n\n`;

const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
  frame({
    ...ENVELOPE,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  });

/** Text as SSE `chat.completion.chunk` frames, word by word. */
export const textFrames = (text: string): string[] =>
  (text.match(/\S+\s*|\s+/g) ?? []).map((piece) => chunk({ content: piece }));

const END_FRAMES = (finishReason: string): string[] => [
  chunk({}, finishReason),
  frame({ ...ENVELOPE, object: 'chat.completion.chunk', choices: [], usage: USAGE }),
  'data: [DONE]\n\n',
];

const completion = (message: Record<string, unknown>, finishReason: string): Record<string, unknown> => ({
  ...ENVELOPE,
  object: 'chat.completion',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', refusal: null, ...message },
      logprobs: null,
      finish_reason: finishReason,
    },
  ],
  usage: USAGE,
});

/** A reply that answers a streaming request with frames and any other with one JSON body. */
function streamOrJson(
  frames: () => string[],
  message: Record<string, unknown>,
  finishReason: string,
): ScriptedReply {
  return (request: RecordedRequest, response: ServerResponse) => {
    if (request.json<{ stream?: boolean }>().stream === true) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const line of [...frames(), ...END_FRAMES(finishReason)]) response.write(line);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(completion(message, finishReason)));
  };
}

/** Answers with `text`. */
export const textReply = (text: string): ScriptedReply =>
  streamOrJson(() => textFrames(text), { content: text }, 'stop');

/** Answers with one tool call (streamed as a first fragment with the name, then the arguments). */
export const toolCallReply = (call: ScriptedToolCall): ScriptedReply =>
  streamOrJson(
    () => [
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [
          { index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: call.arguments } }] }),
    ],
    {
      content: null,
      tool_calls: [
        { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } },
      ],
    },
    'tool_calls',
  );

/** An OpenAI 503 error body (retryable). */
export const overloadedReply: ScriptedReply = {
  status: 503,
  body: { error: { message: 'The engine is currently overloaded.', type: 'server_error', code: null } },
};

/** `GET /v1/models`, which the provider reads for route planning (capabilities, prices). */
export const modelListReply: ScriptedReply = {
  body: {
    object: 'list',
    data: [{ id: 'gpt-4o-mini', object: 'model', created: 1_721_172_741, owned_by: 'system' }],
  },
};
