import { Pool } from 'undici';
import {
  BENCH_API_KEY,
  BENCH_MODEL,
  type BenchClient,
  type BenchClientOptions,
  DEFAULT_PROMPT,
} from './bench-client.js';

interface ChoiceMessage {
  readonly choices?: readonly { readonly message?: { readonly content?: string | null } }[];
}
interface ChunkDelta {
  readonly choices?: readonly { readonly delta?: { readonly content?: string | null } }[];
}

/**
 * The floor: what a hand-written client costs — one undici `Pool`, `JSON.stringify` for the body,
 * `JSON.parse` of the answer, and a minimal SSE splitter (`\n\n`-separated `data:` lines). Every
 * other client does at least this much work, so its figures are the reference for every ratio.
 *
 * @param options - Upstream origin, path prefix and connections.
 * @returns The client.
 */
export function createFloorClient(options: BenchClientOptions): BenchClient {
  const pool = new Pool(options.origin, { connections: options.connections ?? 128 });
  const path = `${options.pathPrefix ?? ''}/v1/chat/completions`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` };

  return {
    name: 'floor',

    async complete(prompt = DEFAULT_PROMPT) {
      const body = JSON.stringify({ model: BENCH_MODEL, messages: [{ role: 'user', content: prompt }] });
      const response = await pool.request({ path, method: 'POST', headers, body });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text}`);
      return (JSON.parse(text) as ChoiceMessage).choices?.[0]?.message?.content ?? '';
    },

    async stream(onFirstContent) {
      const body = JSON.stringify({
        model: BENCH_MODEL,
        messages: [{ role: 'user', content: DEFAULT_PROMPT }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const response = await pool.request({ path, method: 'POST', headers, body });
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
      response.body.setEncoding('utf8');
      let buffered = '';
      let text = '';
      let first = true;
      for await (const piece of response.body as AsyncIterable<string>) {
        buffered += piece;
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const event = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
          if (!event.startsWith('data: ')) continue;
          const data = event.slice(6);
          if (data === '[DONE]') continue;
          const content = (JSON.parse(data) as ChunkDelta).choices?.[0]?.delta?.content;
          if (content) {
            if (first) {
              first = false;
              onFirstContent();
            }
            text += content;
          }
        }
      }
      return text;
    },

    close: () => pool.close(),
  };
}
