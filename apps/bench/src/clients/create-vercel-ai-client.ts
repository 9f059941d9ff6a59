import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import {
  BENCH_API_KEY,
  BENCH_MODEL,
  type BenchClient,
  type BenchClientOptions,
  DEFAULT_PROMPT,
} from './bench-client.js';

/**
 * The Vercel AI SDK (`ai` v6 with `@ai-sdk/openai` v3, the last majors that run on Node 20):
 * `generateText` and `streamText` on `openai.chat(model)`, the Chat Completions provider, with
 * retries off. It sends through Node's global `fetch`.
 *
 * @param options - Upstream origin and path prefix.
 * @returns The client.
 */
export function createVercelAiClient(options: BenchClientOptions): BenchClient {
  // the SDK prints a warning line for unsupported settings; nothing here should write to stdout
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
  const provider = createOpenAI({
    apiKey: BENCH_API_KEY,
    baseURL: `${options.origin}${options.pathPrefix ?? ''}/v1`,
  });
  const model = provider.chat(BENCH_MODEL);
  return {
    name: 'vercel-ai',

    async complete(prompt = DEFAULT_PROMPT) {
      const result = await generateText({
        model,
        messages: [{ role: 'user', content: prompt }],
        maxRetries: 0,
      });
      return result.text;
    },

    async stream(onFirstContent) {
      let failure: unknown;
      const result = streamText({
        model,
        messages: [{ role: 'user', content: DEFAULT_PROMPT }],
        maxRetries: 0,
        onError: ({ error }) => {
          failure = error;
        },
      });
      let text = '';
      let first = true;
      for await (const piece of result.textStream) {
        if (!piece) continue;
        if (first) {
          first = false;
          onFirstContent();
        }
        text += piece;
      }
      // streamText reports failures through onError instead of throwing from the text stream
      if (failure !== undefined) throw failure;
      return text;
    },

    close: async () => {},
  };
}
