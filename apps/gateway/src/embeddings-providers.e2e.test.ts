import type { ServerResponse } from 'node:http';
import { createScriptedServer, type RecordedRequest, type ScriptedServer } from '@hub/testing';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The scripted upstreams each provider package tests its embeddings against, reused so the
// gateway is checked against the same wire formats (they move to @hub/testing later)
import {
  createFakeBedrock,
  type FakeBedrock,
} from '../../../plugins/provider-bedrock/src/__fixtures__/fake-bedrock.js';
import {
  geminiEmbeddingReply,
  textsOf,
  vectorFor,
} from '../../../plugins/provider-google/src/test-support/embedding-upstream.js';
import { routeEmbeddings } from '../../../plugins/provider-openai/src/test-support/embeddings-wire.js';
import { routeEmbeddings as routeCompatibleEmbeddings } from '../../../plugins/provider-openai-compatible/src/test-support/compatible-wire.js';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

// The official openai SDK's embeddings.create through the gateway, against every provider type
// that embeds, each behind a local upstream speaking its own wire format. Inputs are named
// `input-<n>`; every upstream answers a vector whose first component is n and second the
// input's length (integers float32 holds exactly), so order and values are checkable end to end.

const KEY = 'gw-embed-providers-key-0123456789';
const BEDROCK_KEY = 'ABSKQmVkcm9ja0FQSUtleS1lbWJlZC10ZXN0LWtleQ==';

const upstreams: Record<'openai' | 'azure' | 'ollama' | 'mistral' | 'google', ScriptedServer> = {} as never;
let bedrock: FakeBedrock;
let gateway: RunningGateway;
let client: OpenAI;

const inputs = (count: number): string[] => Array.from({ length: count }, (_, index) => `input-${index}`);

/** The vector an upstream answers for `text`: `[n, length]`, then 0.5 up to `length` components. */
function vectorOf(text: string, length = 2): number[] {
  const vector = new Array<number>(length).fill(0.5);
  const [index, size] = vectorFor(text);
  vector[0] = index as number;
  if (length > 1) vector[1] = size as number;
  return vector;
}

/** The batch sizes an OpenAI-style upstream was sent, in arrival order. */
const batchesOf = (server: ScriptedServer, path: string): number[] =>
  server.requests
    .filter((request) => request.method === 'POST' && request.url.startsWith(path))
    .map((request) => request.json<{ input: string[] }>().input.length);

const json = (response: ServerResponse, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

/** Bedrock InvokeModel as documented for Titan Text Embeddings V2 and Cohere Embed v3. */
function answerBedrock(request: RecordedRequest, response: ServerResponse): void {
  if (request.url.includes('titan-embed-text-v2')) {
    const body = request.json<{ inputText: string; dimensions?: number }>();
    const vector = vectorOf(body.inputText, body.dimensions ?? 1024);
    // Titan reports the input's tokens in the body
    json(response, { embedding: vector, inputTextTokenCount: 5, embeddingsByType: { float: vector } });
    return;
  }
  const body = request.json<{ texts: string[] }>();
  // Cohere on Bedrock reports the tokens in a header only
  json(
    response,
    {
      id: 'emb-gw',
      response_type: 'embeddings_by_type',
      embeddings: { float: body.texts.map((text) => vectorOf(text, 1024)) },
      texts: body.texts,
    },
    { 'x-amzn-bedrock-input-token-count': String(body.texts.length * 2) },
  );
}

beforeAll(async () => {
  for (const name of ['openai', 'azure', 'ollama', 'mistral', 'google'] as const)
    upstreams[name] = await createScriptedServer();
  upstreams.openai.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  upstreams.ollama.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  upstreams.mistral.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  upstreams.google.route('GET', '/v1beta/models', { body: { models: [] } });
  const answer = (batch: readonly string[], dimensions: number | undefined) =>
    batch.map((text) => vectorOf(text, dimensions ?? 4));
  routeEmbeddings(upstreams.openai, '/v1/embeddings', answer);
  routeEmbeddings(upstreams.azure, '/openai/deployments/embed-small/embeddings', answer);
  routeCompatibleEmbeddings(upstreams.ollama, '/v1/embeddings', answer);
  routeCompatibleEmbeddings(upstreams.mistral, '/v1/embeddings', answer, 'output_dimension');
  upstreams.google.route('POST', '/v1beta/models/gemini-embedding-001:', geminiEmbeddingReply());
  bedrock = await createFakeBedrock('us-east-1');
  bedrock.allowApiKey(BEDROCK_KEY);
  bedrock.server.route('POST', '/model/', bedrock.authenticated(answerBedrock));

  const env = {
    GATEWAY_KEY: KEY,
    OPENAI_KEY: 'sk-test-embeddings-upstream',
    AZURE_KEY: '7c1e9f04b2d84a6f93e5c8a1d0b7f3e2',
    MISTRAL_KEY: 'mistral-test-key-0123456789',
    GOOGLE_KEY: 'google-test-key-0123456789',
    BEDROCK_KEY,
  };
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [
        { type: 'openai', apiKeyEnv: 'OPENAI_KEY', baseUrl: `${upstreams.openai.url}/v1` },
        {
          type: 'azure-openai',
          apiKeyEnv: 'AZURE_KEY',
          endpoint: upstreams.azure.url,
          apiVersion: '2024-10-21',
          deployments: { 'text-embedding-3-small': 'embed-small' },
        },
        { type: 'openai-compatible', preset: 'ollama', baseUrl: `${upstreams.ollama.url}/v1` },
        {
          type: 'openai-compatible',
          preset: 'mistral',
          apiKeyEnv: 'MISTRAL_KEY',
          baseUrl: `${upstreams.mistral.url}/v1`,
        },
        { type: 'google', apiKeyEnv: 'GOOGLE_KEY', baseUrl: `${upstreams.google.url}/v1beta` },
        { type: 'aws-bedrock', apiKeyEnv: 'BEDROCK_KEY', baseUrl: bedrock.url, region: 'us-east-1' },
      ],
      // every upstream request is one the test scripted: no retry, no cached answer
      retry: false,
      cache: false,
      logging: { level: 'silent' },
      virtualKeys: [{ name: 'all', keyEnv: 'GATEWAY_KEY' }],
    },
    env,
  );
  gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
  client = new OpenAI({ apiKey: KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close();
  for (const server of Object.values(upstreams)) await server?.close();
  await bedrock?.close();
});

/**
 * Embeds `input` twice through the SDK — `float`, then the SDK's default (base64, decoded by the
 * SDK) — and checks both answers hold `expected(text)` for every input, in input order.
 */
async function embedBothWays(
  model: string,
  input: string[],
  expected: (text: string) => number[],
  extra: { dimensions?: number } = {},
): Promise<OpenAI.CreateEmbeddingResponse> {
  const float = await client.embeddings.create({ model, input, encoding_format: 'float', ...extra });
  const decoded = await client.embeddings.create({ model, input, ...extra });
  for (const response of [float, decoded]) {
    expect(response.data.map((item) => item.index)).toEqual(input.map((_, index) => index));
    expect(response.data.map((item) => item.embedding)).toEqual(input.map(expected));
  }
  expect(decoded.usage).toEqual(float.usage);
  return float;
}

describe('the openai SDK’s embeddings.create through the gateway, per provider type', () => {
  it('OpenAI: vectors in order, base64 upstream decoded, usage from the upstream', async () => {
    // no length asked: the fake answers 4 components
    const response = await embedBothWays('openai/text-embedding-3-small', inputs(5), (text) =>
      vectorOf(text, 4),
    );
    expect(response.model).toBe('text-embedding-3-small');
    // the fake charges 3 tokens per input
    expect(response.usage).toEqual({ prompt_tokens: 15, total_tokens: 15 });
    const sent = upstreams.openai.requests.filter((request) => request.method === 'POST');
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      // vectors travel upstream as base64 whatever the client asked: a quarter of the JSON
      expect(request.json()).toMatchObject({
        model: 'text-embedding-3-small',
        input: inputs(5),
        encoding_format: 'base64',
      });
      expect(request.headers.authorization).toBe('Bearer sk-test-embeddings-upstream');
    }
  });

  it('OpenAI: a requested length reaches the upstream and comes back', async () => {
    await embedBothWays('openai/text-embedding-3-small', inputs(3), (text) => vectorOf(text, 16), {
      dimensions: 16,
    });
    const last = upstreams.openai.requests.at(-1)?.json<{ dimensions?: number }>();
    expect(last?.dimensions).toBe(16);
  });

  it('Azure OpenAI: the deployment’s route, api-version and api-key', async () => {
    const response = await embedBothWays('azure-openai/text-embedding-3-small', inputs(4), (text) =>
      vectorOf(text, 4),
    );
    expect(response.usage.prompt_tokens).toBe(12);
    const sent = upstreams.azure.requests.filter((request) => request.method === 'POST');
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.url).toBe('/openai/deployments/embed-small/embeddings?api-version=2024-10-21');
      expect(request.headers['api-key']).toBe('7c1e9f04b2d84a6f93e5c8a1d0b7f3e2');
    }
  });

  it('Ollama preset: number arrays upstream, no encoding_format and no dimensions sent', async () => {
    const response = await embedBothWays('ollama/nomic-embed-text', inputs(3), (text) => vectorOf(text, 4));
    // the compatible fake charges one token per input
    expect(response.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    for (const request of upstreams.ollama.requests.filter((sent) => sent.method === 'POST'))
      expect(request.json()).toEqual({ model: 'nomic-embed-text', input: inputs(3) });
    // Ollama cannot shorten vectors: a length is refused naming the field, before any request
    const sent = upstreams.ollama.requests.length;
    const error = await client.embeddings
      .create({ model: 'ollama/nomic-embed-text', input: 'x', dimensions: 256 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, param: 'dimensions' });
    expect(upstreams.ollama.requests.length).toBe(sent);
  });

  it('Mistral preset: 300 inputs split into batches of 256 and 44, reassembled in order', async () => {
    const input = inputs(300);
    const response = await embedBothWays('mistral/codestral-embed', input, (text) => vectorOf(text, 32), {
      dimensions: 32,
    });
    expect(response.data).toHaveLength(300);
    expect(response.usage.prompt_tokens).toBe(300);
    // two calls (float, then base64), each split in two batches, answered in any order
    expect(batchesOf(upstreams.mistral, '/v1/embeddings').sort((a, b) => b - a)).toEqual([256, 256, 44, 44]);
    const body = upstreams.mistral.requests.at(-1)?.json<Record<string, unknown>>();
    expect(body).toMatchObject({ encoding_format: 'base64', output_dimension: 32 });
    expect(body?.dimensions).toBeUndefined();
  });

  it('Gemini: batchEmbedContents in batches of at most 100, outputDimensionality sent', async () => {
    const before = upstreams.google.requests.length;
    const input = inputs(150);
    await embedBothWays('google/gemini-embedding-001', input, vectorFor, { dimensions: 2 });
    const sent = upstreams.google.requests.slice(before).filter((request) => request.method === 'POST');
    // two calls of 150 inputs: 100 + 50 each
    expect(sent.map((request) => textsOf(request).length).sort((a, b) => b - a)).toEqual([100, 100, 50, 50]);
    for (const request of sent) {
      expect(request.url).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
      expect(request.headers['x-goog-api-key']).toBe('google-test-key-0123456789');
      const body = request.json<{ requests: { model: string; outputDimensionality?: number }[] }>();
      for (const entry of body.requests) {
        expect(entry.model).toBe('models/gemini-embedding-001');
        expect(entry.outputDimensionality).toBe(2);
      }
    }
    // every text went up exactly once per call, none lost or duplicated
    expect(sent.flatMap(textsOf).sort()).toEqual([...input, ...input].sort());
  });

  it('Gemini: one input goes to embedContent', async () => {
    const before = upstreams.google.requests.length;
    const response = await client.embeddings.create({
      model: 'google/gemini-embedding-001',
      input: 'input-7',
      encoding_format: 'float',
    });
    expect(response.data.map((item) => item.embedding)).toEqual([vectorFor('input-7')]);
    // the Gemini API reports no token count: the hub's estimate (7 characters, 2 tokens), so the
    // call is never billed or budgeted as free
    expect(response.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
    const sent = upstreams.google.requests.slice(before).filter((request) => request.method === 'POST');
    expect(sent.map((request) => request.url)).toEqual(['/v1beta/models/gemini-embedding-001:embedContent']);
  });

  it('Gemini: input_type becomes the task type', async () => {
    const before = upstreams.google.requests.length;
    for (const inputType of ['query', 'document']) {
      await client.embeddings.create({
        model: 'google/gemini-embedding-001',
        input: inputs(2),
        encoding_format: 'float',
        // not an OpenAI field: the extension LiteLLM and Cohere clients send
        input_type: inputType,
      } as OpenAI.EmbeddingCreateParams);
    }
    const sent = upstreams.google.requests.slice(before).filter((request) => request.method === 'POST');
    expect(
      sent.map((request) =>
        request.json<{ requests: { taskType?: string }[] }>().requests.map((entry) => entry.taskType),
      ),
    ).toEqual([
      ['RETRIEVAL_QUERY', 'RETRIEVAL_QUERY'],
      ['RETRIEVAL_DOCUMENT', 'RETRIEVAL_DOCUMENT'],
    ]);
  });

  it('Bedrock Titan Text Embeddings V2: one InvokeModel per input, tokens from the body', async () => {
    const before = bedrock.verified.length;
    const response = await embedBothWays(
      'aws-bedrock/amazon.titan-embed-text-v2:0',
      inputs(3),
      (text) => vectorOf(text, 256),
      { dimensions: 256 },
    );
    // 5 tokens reported per input
    expect(response.usage).toEqual({ prompt_tokens: 15, total_tokens: 15 });
    const sent = bedrock.verified.slice(before);
    expect(sent).toHaveLength(6);
    for (const { request, auth } of sent) {
      expect(auth).toEqual({ scheme: 'bearer', apiKey: BEDROCK_KEY });
      expect(request.url).toBe('/model/amazon.titan-embed-text-v2%3A0/invoke');
      expect(request.json()).toMatchObject({ dimensions: 256 });
    }
  });

  it('Bedrock Cohere Embed v3: 100 inputs split into batches of 96 and 4, tokens from the header', async () => {
    const before = bedrock.verified.length;
    const input = inputs(100);
    const response = await embedBothWays('aws-bedrock/cohere.embed-english-v3', input, (text) =>
      vectorOf(text, 1024),
    );
    expect(response.usage.prompt_tokens).toBe(200);
    const sent = bedrock.verified.slice(before).map(({ request }) => request);
    expect(
      sent.map((request) => request.json<{ texts: string[] }>().texts.length).sort((a, b) => b - a),
    ).toEqual([96, 96, 4, 4]);
    for (const request of sent) {
      expect(request.url).toBe('/model/cohere.embed-english-v3/invoke');
      // the field is required; OpenAI's body has no input type, so documents are assumed
      expect(request.json()).toMatchObject({ input_type: 'search_document', embedding_types: ['float'] });
    }
  });

  it('Bedrock Cohere Embed v3: input_type, in either spelling, becomes Cohere’s', async () => {
    const before = bedrock.verified.length;
    for (const inputType of ['search_query', 'query', 'document']) {
      await client.embeddings.create({
        model: 'aws-bedrock/cohere.embed-english-v3',
        input: inputs(1),
        encoding_format: 'float',
        input_type: inputType,
      } as OpenAI.EmbeddingCreateParams);
    }
    expect(
      bedrock.verified.slice(before).map(({ request }) => request.json<{ input_type: string }>().input_type),
    ).toEqual(['search_query', 'search_query', 'search_document']);
  });
});
