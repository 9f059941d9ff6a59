import { readFileSync } from 'node:fs';

const directory = new URL('../__fixtures__/', import.meta.url);

/** Parses a JSON wire fixture from `src/__fixtures__`. */
export function jsonFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as T;
}

/** The text of a fixture, byte for byte. */
export function textFixture(name: string): string {
  return readFileSync(new URL(name, directory), 'utf8');
}

/** An SSE fixture split into its events, each frame keeping its `\n\n` terminator. */
export function sseFrames(name: string): string[] {
  return textFixture(name)
    .split(/(?<=\n\n)/)
    .filter((frame) => frame.trim() !== '');
}

/** Builds one `data:` frame from a chunk object, as OpenAI writes them. */
export function dataFrame(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** A text-only chat.completion.chunk with OpenAI's envelope. */
export function textChunk(text: string, finishReason: string | null = null, model = 'gpt-4o-mini'): string {
  return dataFrame({
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
  return dataFrame({
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

/** The end-of-stream marker frame. */
export const DONE_FRAME = 'data: [DONE]\n\n';

/** A real-looking fake OpenAI project key (never valid anywhere). */
export const FAKE_OPENAI_KEY =
  'sk-proj-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6T3BlbkFJ';
