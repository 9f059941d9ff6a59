import { OpenAI } from 'openai';
import {
  BENCH_API_KEY,
  BENCH_MODEL,
  type BenchClient,
  type BenchClientOptions,
  DEFAULT_PROMPT,
} from './bench-client.js';

/**
 * The official `openai` SDK (v6; v7 needs Node 22): `chat.completions.create`, plain and with
 * `stream: true` and `stream_options.include_usage`. Its own retries are off, as in every
 * client here. It sends through Node's global `fetch`, whose pool has no connection limit.
 *
 * @param options - Upstream origin and path prefix.
 * @returns The client.
 */
export function createOpenAISdkClient(options: BenchClientOptions): BenchClient {
  const client = new OpenAI({
    apiKey: BENCH_API_KEY,
    baseURL: `${options.origin}${options.pathPrefix ?? ''}/v1`,
    maxRetries: 0,
  });
  return {
    name: 'openai-sdk',

    async complete(prompt = DEFAULT_PROMPT) {
      const completion = await client.chat.completions.create({
        model: BENCH_MODEL,
        messages: [{ role: 'user', content: prompt }],
      });
      return completion.choices[0]?.message.content ?? '';
    },

    async stream(onFirstContent) {
      const stream = await client.chat.completions.create({
        model: BENCH_MODEL,
        messages: [{ role: 'user', content: DEFAULT_PROMPT }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let first = true;
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (!content) continue;
        if (first) {
          first = false;
          onFirstContent();
        }
        text += content;
      }
      return text;
    },

    close: async () => {},
  };
}
