import { ChatOpenAI } from '@langchain/openai';
import {
  BENCH_API_KEY,
  BENCH_MODEL,
  type BenchClient,
  type BenchClientOptions,
  DEFAULT_PROMPT,
} from './bench-client.js';

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) if (typeof part?.text === 'string') text += part.text;
  return text;
}

/**
 * LangChain.js `ChatOpenAI` (`@langchain/openai` 1.5.8, the last release for Node 20):
 * `invoke` and `stream` with one user message, retries off, usage streamed (its default).
 * It calls through the `openai` SDK.
 *
 * @param options - Upstream origin and path prefix.
 * @returns The client.
 */
export function createLangChainClient(options: BenchClientOptions): BenchClient {
  const chat = new ChatOpenAI({
    model: BENCH_MODEL,
    apiKey: BENCH_API_KEY,
    configuration: { baseURL: `${options.origin}${options.pathPrefix ?? ''}/v1` },
    maxRetries: 0,
  });
  return {
    name: 'langchain',

    async complete(prompt = DEFAULT_PROMPT) {
      const message = await chat.invoke([{ role: 'user', content: prompt }]);
      return textOf(message.content);
    },

    async stream(onFirstContent) {
      let text = '';
      let first = true;
      for await (const chunk of await chat.stream([{ role: 'user', content: DEFAULT_PROMPT }])) {
        const piece = textOf(chunk.content);
        if (!piece) continue;
        if (first) {
          first = false;
          onFirstContent();
        }
        text += piece;
      }
      return text;
    },

    close: async () => {},
  };
}
