import { fixtureReader, sseFrame } from '@hub/testing';

/** The wire fixtures of this package, copied from the servers' documentation. */
export const fixtures = fixtureReader(new URL('../__fixtures__/', import.meta.url));

/** A text-only chat.completion.chunk as compatible servers send it. */
export function textChunk(text: string, finishReason: string | null = null): string {
  return sseFrame({
    id: 'chatcmpl-compat',
    object: 'chat.completion.chunk',
    created: 1_735_700_000,
    model: 'llama-3.3-70b-versatile',
    choices: [{ index: 0, delta: text === '' ? {} : { content: text }, finish_reason: finishReason }],
  });
}

/** A non-streaming completion body answering `text`. */
export function completionBody(text: string): Record<string, unknown> {
  return {
    id: 'chatcmpl-compat',
    object: 'chat.completion',
    created: 1_735_700_000,
    model: 'llama-3.3-70b-versatile',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
  };
}

/** A real-looking fake Groq key (never valid anywhere). */
export const FAKE_GROQ_KEY = 'gsk_Q2hhdEJvdEZha2VLZXlGb3JUZXN0aW5nT25seTEyMzQ1Njc4OTBhYmNk';
