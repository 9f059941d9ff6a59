import type { ServerResponse } from 'node:http';
import { ConnectorError, createHub, type EmbeddingRequest, type LLMProvider } from '@hub/core';
import { fixtureReader, type RecordedRequest } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeBedrock, type FakeBedrock, sendAwsError } from './__fixtures__/fake-bedrock.js';
import type { BedrockOptions } from './bedrock-config.js';
import { bedrock } from './bedrock-plugin.js';
import { createBedrockProvider } from './bedrock-provider.js';
import type { CohereEmbeddingRequest, TitanEmbeddingRequest } from './bedrock-wire-types.js';

const fixtures = fixtureReader(new URL('./__fixtures__/', import.meta.url));

const REGION = 'us-east-1';
const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-english-v3';
const IDENTITY = {
  accessKeyId: 'ASIAQ3EXAMPLEEMBED01',
  secretAccessKey: 'embed/test/secret/EXAMPLEKEY0123456789ab',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLEembedSESSIONtoken0123456789',
};

// inputs are named `t<index>`; the fake puts the index into each vector's first component, so
// the order of the answer can be checked whatever order the requests are answered in
const texts = (count: number): string[] => Array.from({ length: count }, (_, index) => `t${index}`);
const indexOf = (text: string): number => Number(text.slice(1));

function vectorFor(text: string, length: number): number[] {
  const vector = new Array<number>(length).fill(0.25);
  vector[0] = indexOf(text);
  return vector;
}

function json(response: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(200, {
    'content-type': 'application/json',
    'x-amzn-requestid': 'req-embed',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

/** Titan V2 as documented: one `inputText`, vectors of `dimensions`, a token count in the body. */
function titanAnswer(request: RecordedRequest, response: ServerResponse): void {
  const body = request.json<TitanEmbeddingRequest>();
  const vector = vectorFor(body.inputText, body.dimensions ?? 1024);
  json(response, { embedding: vector, inputTextTokenCount: 3, embeddingsByType: { float: vector } });
}

/** Cohere v3 as documented with `embedding_types`: vectors by type, token count in a header only. */
function cohereAnswer(request: RecordedRequest, response: ServerResponse): void {
  const body = request.json<CohereEmbeddingRequest>();
  json(
    response,
    {
      id: 'emb-1',
      response_type: 'embeddings_by_type',
      embeddings: { float: body.texts.map((text) => vectorFor(text, 1024)) },
      texts: body.texts,
    },
    { 'x-amzn-bedrock-input-token-count': String(body.texts.length * 2) },
  );
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(ConnectorError.isInstance(error), `expected a ConnectorError, got ${String(error)}`).toBe(true);
  return error as ConnectorError;
}

describe('embeddings through InvokeModel', () => {
  let fake: FakeBedrock;
  let provider: LLMProvider;

  async function setup(options: BedrockOptions = {}): Promise<LLMProvider> {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    provider = createBedrockProvider(
      { region: REGION, endpoint: fake.url, credentials: IDENTITY, ...options },
      { env: {} },
    );
    return provider;
  }

  const embed = (request: Omit<EmbeddingRequest, 'model'> & { model?: string }) =>
    (provider.embed as NonNullable<LLMProvider['embed']>)({ model: TITAN, ...request });

  afterEach(async () => {
    await provider?.close?.();
    await fake?.close();
  });

  describe('Titan Text Embeddings V2', () => {
    it('sends one signed request per text and answers in input order, whatever order they finish in', async () => {
      await setup();
      let release!: () => void;
      const othersAnswered = new Promise<void>((resolve) => {
        release = resolve;
      });
      let answered = 0;
      fake.server.route(
        'POST',
        '/model/',
        fake.authenticated(async (request, response) => {
          // the first text is answered last
          if (request.json<TitanEmbeddingRequest>().inputText === 't0') await othersAnswered;
          titanAnswer(request, response);
          if (++answered === 4) release();
        }),
      );
      const result = await embed({ input: texts(5), dimensions: 256 });
      expect(result.provider).toBe('aws-bedrock');
      expect(result.model).toBe(TITAN);
      expect(result.embeddings.map((vector) => vector[0])).toEqual([0, 1, 2, 3, 4]);
      for (const vector of result.embeddings) {
        expect(vector).toBeInstanceOf(Float32Array);
        expect(vector).toHaveLength(256);
      }
      expect(result.usage).toEqual({ inputTokens: 15 });
      expect(fake.verified).toHaveLength(5);
      expect(new Set(fake.verified.map((entry) => entry.request.url))).toEqual(
        new Set(['/model/amazon.titan-embed-text-v2%3A0/invoke']),
      );
      expect(fake.verified.every((entry) => entry.auth.scheme === 'sigv4')).toBe(true);
    });

    it('sends the documented body: inputText, dimensions, float vectors, and normalize from providerParams', async () => {
      await setup();
      fake.enqueue(titanAnswer);
      const result = await embed({
        input: 't7',
        dimensions: 512,
        inputType: 'query',
        providerParams: { 'aws-bedrock': { normalize: false, inputText: 'overridden?' } },
      });
      // inputType has no Titan field; the provider's own fields win over providerParams
      expect(fake.verified[0]?.request.json()).toEqual({
        normalize: false,
        inputText: 't7',
        dimensions: 512,
        embeddingTypes: ['float'],
      });
      expect(result.embeddings[0]).toHaveLength(512);
    });

    it('reads the documented response shape into a Float32Array', async () => {
      await setup();
      fake.enqueue((_request, response) =>
        json(response, fixtures.json('titan-embed-text-v2-response.json')),
      );
      const result = await embed({ input: 'hello' });
      expect(Array.from(result.embeddings[0] as Float32Array)).toEqual([
        -0.0458984375, 0.0537109375, 0.01153564453125, -0.033447265625, 0.0279541015625,
      ]);
      expect(result.usage.inputTokens).toBe(7);
    });

    it.each([300, 1536, 128])(
      'refuses dimensions %i before any I/O: only 1024, 512 and 256 exist',
      async (dimensions) => {
        await setup();
        const error = await failure(embed({ input: ['a', 'b'], dimensions }));
        expect(error).toMatchObject({
          code: 'invalid_request',
          field: 'dimensions',
          providerId: 'aws-bedrock',
        });
        expect(error.message).toContain('1024, 512 or 256');
        expect(fake.server.requests).toHaveLength(0);
      },
    );

    it('refuses a text longer than 50,000 characters before any I/O, naming it', async () => {
      await setup();
      const error = await failure(embed({ input: ['fine', 'x'.repeat(50_001)] }));
      expect(error).toMatchObject({ code: 'invalid_request', field: 'input.1' });
      expect(fake.server.requests).toHaveLength(0);
    });

    it('keeps at most embeddingConcurrency requests in flight', async () => {
      await setup({ embeddingConcurrency: 3 });
      const total = 20;
      let arrived = 0;
      let inFlight = 0;
      let mostInFlight = 0;
      let held: (() => void)[] = [];
      fake.server.route(
        'POST',
        '/model/',
        fake.authenticated(async (request, response) => {
          arrived++;
          inFlight++;
          mostInFlight = Math.max(mostInFlight, inFlight);
          // answer in groups: once three are waiting (or the last ones arrived)
          await new Promise<void>((resolve) => {
            held.push(resolve);
            if (held.length === 3 || arrived === total) {
              const group = held;
              held = [];
              for (const answer of group) answer();
            }
          });
          inFlight--;
          titanAnswer(request, response);
        }),
      );
      const result = await embed({ input: texts(total) });
      expect(result.embeddings.map((vector) => vector[0])).toEqual(texts(total).map(indexOf));
      expect(mostInFlight).toBe(3);
      expect(fake.verified).toHaveLength(total);
    });
  });

  describe('Cohere Embed v3', () => {
    it('splits inputs at 96 texts per request and reassembles the vectors in order', async () => {
      await setup();
      fake.server.route('POST', '/model/', fake.authenticated(cohereAnswer));
      const result = await embed({ model: COHERE, input: texts(200) });
      const bodies = fake.verified.map((entry) => entry.request.json<CohereEmbeddingRequest>());
      expect(bodies.map((body) => body.texts.length).sort((a, b) => b - a)).toEqual([96, 96, 8]);
      expect(result.embeddings).toHaveLength(200);
      expect(result.embeddings.map((vector) => vector[0])).toEqual(texts(200).map(indexOf));
      expect(
        result.embeddings.every((vector) => vector instanceof Float32Array && vector.length === 1024),
      ).toBe(true);
      // Cohere's body has no token count: the InvokeModel header is summed
      expect(result.usage).toEqual({ inputTokens: 400 });
      expect(fake.verified[0]?.request.url).toBe('/model/cohere.embed-english-v3/invoke');
    });

    it.each([
      ['query', undefined, 'search_query'],
      ['document', undefined, 'search_document'],
      [undefined, 'clustering', 'clustering'],
      [undefined, undefined, 'search_document'],
      ['query', 'classification', 'search_query'],
    ] as const)(
      'maps inputType %s (providerParams input_type %s) to input_type %s',
      async (inputType, given, sent) => {
        await setup();
        fake.enqueue(cohereAnswer);
        await embed({
          model: 'us.cohere.embed-multilingual-v3',
          input: ['a', 'b'],
          ...(inputType !== undefined && { inputType }),
          providerParams: {
            'aws-bedrock': { truncate: 'END', ...(given !== undefined && { input_type: given }) },
          },
        });
        expect(fake.verified[0]?.request.json()).toEqual({
          truncate: 'END',
          texts: ['a', 'b'],
          input_type: sent,
          embedding_types: ['float'],
        });
      },
    );

    it.each([
      ['cohere-embed-v3-response.json', 'embeddings_by_type'],
      ['cohere-embed-v3-floats-response.json', 'embeddings_floats'],
    ])('reads the documented %s (%s)', async (fixture) => {
      await setup();
      fake.enqueue((_request, response) => json(response, fixtures.json(fixture)));
      const result = await embed({ model: COHERE, input: ['what is the capital of france?', 'paris'] });
      expect(result.embeddings.map((vector) => Array.from(vector))).toEqual([
        Array.from(new Float32Array([0.0211792, -0.0184021, 0.0402222, -0.0131683])),
        Array.from(new Float32Array([-0.0297546, 0.0063629, 0.0336304, 0.0255737])),
      ]);
      expect(result.usage.inputTokens).toBe(0);
    });

    it('refuses dimensions other than 1024 and texts over 2,048 characters before any I/O', async () => {
      await setup();
      expect(await failure(embed({ model: COHERE, input: 'a', dimensions: 512 }))).toMatchObject({
        code: 'invalid_request',
        field: 'dimensions',
      });
      expect(await failure(embed({ model: COHERE, input: 'x'.repeat(2049) }))).toMatchObject({
        code: 'invalid_request',
        field: 'input',
      });
      expect(fake.server.requests).toHaveLength(0);
    });

    it('fails with parse when the answer holds another number of vectors than texts', async () => {
      await setup();
      fake.enqueue((_request, response) =>
        json(response, { response_type: 'embeddings_by_type', embeddings: { float: [[0.1, 0.2]] } }),
      );
      const error = await failure(embed({ model: COHERE, input: ['a', 'b'] }));
      expect(error).toMatchObject({ code: 'parse', providerId: 'aws-bedrock', model: COHERE });
      expect(error.message).toContain('1 vectors for 2 texts');
    });
  });

  describe('failures', () => {
    it('refuses a model without a known embedding format as unsupported, before any I/O', async () => {
      await setup();
      const error = await failure(embed({ model: 'anthropic.claude-3-haiku-20240307-v1:0', input: 'a' }));
      expect(error).toMatchObject({ code: 'unsupported', field: 'model', retryable: false });
      expect(fake.server.requests).toHaveLength(0);
    });

    it('fails the whole call with rate_limit when one batch is throttled, closing the batches in flight', async () => {
      await setup();
      let arrived = 0;
      let allArrived!: () => void;
      const everyoneWaiting = new Promise<void>((resolve) => {
        allArrived = resolve;
      });
      fake.server.route(
        'POST',
        '/model/',
        fake.authenticated(async (request, response) => {
          if (++arrived === 4) allArrived();
          // t2 is throttled once all four wait; the others never answer, so only the failure
          // can end them
          if (request.json<TitanEmbeddingRequest>().inputText === 't2') {
            await everyoneWaiting;
            sendAwsError(response, 429, 'ThrottlingException', 'Too many requests, please wait.', {
              'retry-after': '4',
            });
          }
        }),
      );
      const error = await failure(embed({ input: texts(4) }));
      expect(error).toMatchObject({
        code: 'rate_limit',
        retryable: true,
        retryAfterMs: 4000,
        status: 429,
        providerCode: 'ThrottlingException',
      });
      // the three requests still waiting were cancelled: their connections closed
      while (fake.server.clientAborts < 3) await fake.server.nextClientAbort();
      expect(fake.server.clientAborts).toBe(3);
    });

    it('fails with a retryable provider error on a 5xx batch', async () => {
      await setup();
      fake.server.route(
        'POST',
        '/model/',
        fake.authenticated((request, response) => {
          if (request.json<CohereEmbeddingRequest>().texts[0] === 't96') {
            sendAwsError(
              response,
              503,
              'ServiceUnavailableException',
              'Bedrock is unable to process your request.',
            );
          } else cohereAnswer(request, response);
        }),
      );
      const error = await failure(embed({ model: COHERE, input: texts(150) }));
      expect(error).toMatchObject({ code: 'provider', retryable: true, status: 503 });
    });

    it('cancels on abort and closes the socket', async () => {
      await setup();
      let arrive!: () => void;
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      fake.enqueue(() => arrive());
      const controller = new AbortController();
      const closed = fake.server.nextClientAbort();
      const pending = failure(
        (provider.embed as NonNullable<LLMProvider['embed']>)(
          { model: TITAN, input: 'hang' },
          { signal: controller.signal },
        ),
      );
      await arrived;
      controller.abort();
      expect((await pending).code).toBe('cancelled');
      await closed;
    });
  });

  describe('deadlines', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('gives each request the first-byte limit and closes every connection when it passes', async () => {
      await setup();
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      let arrived = 0;
      let bothArrived!: () => void;
      const waiting = new Promise<void>((resolve) => {
        bothArrived = resolve;
      });
      // neither request is ever answered
      fake.server.route(
        'POST',
        '/model/',
        fake.authenticated(() => {
          if (++arrived === 2) bothArrived();
        }),
      );
      const pending = failure(
        (provider.embed as NonNullable<LLMProvider['embed']>)(
          { model: TITAN, input: ['t0', 't1'] },
          { firstByteTimeoutMs: 100 },
        ),
      );
      await waiting;
      vi.advanceTimersByTime(100);
      const error = await pending;
      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect(error.message).toMatch(/no response headers within 100 ms/i);
      while (fake.server.clientAborts < 2) await fake.server.nextClientAbort();
    });
  });

  it('serves hub.embed through the plugin, with the catalog saying how long the vectors are', async () => {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    fake.server.route('POST', '/model/', fake.authenticated(titanAnswer));
    const hub = createHub({
      plugins: [bedrock({ region: REGION, endpoint: fake.url, credentials: IDENTITY })],
    });
    try {
      const result = await hub.embed({ model: `aws-bedrock/${TITAN}`, input: ['t0', 't1'], dimensions: 256 });
      expect(result.embeddings.map((vector) => vector.length)).toEqual([256, 256]);
      const [metadata] = await hub.metadata();
      expect(metadata?.models.find((model) => model.id === TITAN)?.embedding).toEqual({
        dimensions: 1024,
        flexibleDimensions: true,
        maxInputTokens: 8192,
      });
    } finally {
      await hub.close();
    }
  });
});
