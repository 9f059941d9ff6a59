import { BENCH_API_KEY } from '../clients/bench-client.js';
import { EMBEDDING_MODEL, type EmbeddingClient, type EmbeddingClientName } from './embedding-client.js';

interface WireEmbeddings {
  readonly data: readonly { readonly index: number; readonly embedding: string }[];
}

/**
 * Creates an embeddings client, loading only its library: the floor (an undici `Pool`, a
 * hand-written body, `JSON.parse`, base64 decoded into `Float32Array`s), the bare hub
 * (`hub.embed` with `@hub/provider-openai`, which asks for base64) or the openai SDK
 * (`embeddings.create`, which asks for base64 and decodes to number arrays).
 *
 * @param name - Which client.
 * @param origin - The fake upstream.
 * @returns The client.
 */
export async function createEmbeddingClient(
  name: EmbeddingClientName,
  origin: string,
): Promise<EmbeddingClient> {
  switch (name) {
    case 'floor': {
      const { Pool } = await import('undici');
      const pool = new Pool(origin, { connections: 16 });
      return {
        name,
        async embed(inputs, dimensions) {
          const response = await pool.request({
            path: '/v1/embeddings',
            method: 'POST',
            headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              model: EMBEDDING_MODEL,
              input: inputs,
              dimensions,
              encoding_format: 'base64',
            }),
          });
          const body = (await response.body.json()) as WireEmbeddings;
          return body.data.map((entry) => {
            const bytes = Buffer.from(entry.embedding, 'base64');
            return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
          });
        },
        close: () => pool.close(),
      };
    }
    case 'hub-bare': {
      const { createHub } = await import('@hub/core');
      const { openai } = await import('@hub/provider-openai');
      const hub = createHub({
        plugins: [openai({ apiKey: BENCH_API_KEY, baseUrl: `${origin}/v1`, env: {} })],
      });
      return {
        name,
        async embed(inputs, dimensions) {
          const response = await hub.embed({ model: `openai/${EMBEDDING_MODEL}`, input: inputs, dimensions });
          return response.embeddings;
        },
        close: () => hub.close(),
      };
    }
    case 'openai-sdk': {
      const { OpenAI } = await import('openai');
      const client = new OpenAI({ apiKey: BENCH_API_KEY, baseURL: `${origin}/v1`, maxRetries: 0 });
      return {
        name,
        async embed(inputs, dimensions) {
          const response = await client.embeddings.create({
            model: EMBEDDING_MODEL,
            input: [...inputs],
            dimensions,
          });
          return response.data.map((entry) => entry.embedding);
        },
        close: async () => {},
      };
    }
  }
}
