import {
  type CallOptions,
  type CompletionRequest,
  ConnectorError,
  foldStream,
  type LLMProvider,
  type Message,
  type StreamChunk,
} from '@hub/core';
import { collectChunks as collect, fixtureReader, settleWithClock } from '@hub/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  endFrames,
  eventFrame,
  exceptionFrame,
  STREAM_USAGE,
  textFrames,
} from './__fixtures__/event-stream-frames.js';
import {
  type AuthenticatedHandler,
  converseJson,
  createFakeBedrock,
  eventStream,
  type FakeBedrock,
  type FakeIdentity,
  sendAwsError,
} from './__fixtures__/fake-bedrock.js';
import type { AwsCredentials } from './aws-credentials.js';
import type { BedrockOptions } from './bedrock-config.js';
import { createBedrockProvider } from './bedrock-provider.js';
import type { ConverseRequest } from './bedrock-wire-types.js';

const fixtures = fixtureReader(new URL('./__fixtures__/', import.meta.url));

const REGION = 'us-east-1';
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const IDENTITY: FakeIdentity = {
  accessKeyId: 'ASIAQ3EXAMPLE7RTKW2N',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENvalue//////////wEaCXVzLWVhc3QtMSJHMEUCIQD',
};
const API_KEY = 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWJlYXJlci10b2tlbi12YWx1ZQ==';

const ask = (content = 'Say hello.', model = MODEL): CompletionRequest => ({
  model,
  messages: [{ role: 'user', content }],
});

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    expect(ConnectorError.isInstance(error), `expected a ConnectorError, got ${String(error)}`).toBe(true);
    return error as ConnectorError;
  }
  throw new Error('expected a failure');
}

const streamFailure = (stream: AsyncIterable<StreamChunk>): Promise<ConnectorError> =>
  failure(collect(stream));

/** Asserts no credential value, token or signature appears in the error or its JSON form. */
function expectNoCredentials(error: ConnectorError, ...secrets: string[]): void {
  const texts = [error.message, JSON.stringify(error.toJSON()), String(error.providerCode ?? '')];
  for (const text of texts) {
    for (const secret of [
      IDENTITY.accessKeyId,
      IDENTITY.secretAccessKey,
      IDENTITY.sessionToken as string,
      API_KEY,
      ...secrets,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
  }
}

/** Answers `/converse` with JSON and `/converse-stream` with event-stream frames. */
function textHandler(pieces: readonly string[], stopReason = 'end_turn'): AuthenticatedHandler {
  return (request, response) => {
    if (request.url.endsWith('/converse-stream'))
      return eventStream(textFrames(pieces, stopReason))(request, response);
    return converseJson({
      output: { message: { role: 'assistant', content: [{ text: pieces.join('') }] } },
      stopReason,
      usage: STREAM_USAGE,
      metrics: { latencyMs: 100 },
    })(request, response);
  };
}

describe('Bedrock provider against a signature-checking fake', () => {
  let fake: FakeBedrock;
  let provider: LLMProvider;

  async function setup(options: BedrockOptions = {}): Promise<LLMProvider> {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    provider = createBedrockProvider({
      region: REGION,
      endpoint: fake.url,
      credentials: IDENTITY,
      ...options,
    });
    return provider;
  }

  afterEach(async () => {
    await provider?.close?.();
    await fake?.close();
    vi.unstubAllEnvs();
  });

  describe('signing', () => {
    it('signs with SigV4 and the session token, scoped to the region and the bedrock service', async () => {
      await setup();
      fake.enqueue(converseJson(fixtures.json('converse-response-text.json')));
      const response = await provider.sendCompletion(ask());
      expect(response.text).toBe('Hello there!');
      expect(response.id).toBe('req-json-1');
      const [verified] = fake.verified;
      expect(verified?.auth).toEqual({
        scheme: 'sigv4',
        accessKeyId: IDENTITY.accessKeyId,
        sessionToken: IDENTITY.sessionToken,
      });
      const headers = verified?.request.headers ?? {};
      expect(headers.authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${IDENTITY.accessKeyId}/\\d{8}/us-east-1/bedrock/aws4_request, `,
        ),
      );
      expect(headers.authorization).toContain('x-amz-security-token');
      expect(headers['x-amz-security-token']).toBe(IDENTITY.sessionToken);
      // the model id is percent-encoded into the path (`:` → %3A) and the signature still holds
      expect(verified?.request.url).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    });

    it('signs the call headers with the request, whatever their case, and keeps its own content type', async () => {
      await setup();
      fake.enqueue(converseJson(fixtures.json('converse-response-text.json')));
      await provider.sendCompletion(ask(), {
        headers: { 'X-Amzn-Bedrock-Trace': 'ENABLED', 'Content-Type': 'text/plain', 'x-team': 'search' },
        requestId: 'req-123',
      });
      const headers = fake.verified[0]?.request.headers ?? {};
      expect(headers['x-amzn-bedrock-trace']).toBe('ENABLED');
      expect(headers['x-team']).toBe('search');
      expect(headers['content-type']).toBe('application/json');
      expect(headers.authorization).toMatch(/SignedHeaders=[^,]*x-amzn-bedrock-trace[^,]*x-team/);
      // Bedrock documents no client request id header
      expect(Object.values(headers)).not.toContain('req-123');
    });

    it('signs ARN model ids, whose slashes and colons are escaped in the path', async () => {
      await setup();
      fake.enqueue(converseJson(fixtures.json('converse-response-text.json')));
      const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0';
      await provider.sendCompletion(ask('hi', arn));
      expect(fake.verified[0]?.request.url).toBe(`/model/${encodeURIComponent(arn)}/converse`);
    });

    it('is rejected by the fake when signed with the wrong secret, without leaking it', async () => {
      const wrongSecret = 'the-wrong-secret-access-key-0123456789';
      await setup({ credentials: { ...IDENTITY, secretAccessKey: wrongSecret } });
      fake.enqueue(textHandler(['never answered']));
      const error = await failure(provider.sendCompletion(ask()));
      expect(error).toMatchObject({
        code: 'authentication',
        status: 403,
        providerCode: 'InvalidSignatureException',
      });
      expect(error.retryable).toBe(false);
      expectNoCredentials(error, wrongSecret);
      expect(fake.verified).toHaveLength(0);
    });

    it('is rejected when the session token does not belong to the key', async () => {
      const otherToken = 'FwoGZXIvYXdzEBYaDOTHERsessionTOKENthatDoesNotMatch0123456789';
      await setup({ credentials: { ...IDENTITY, sessionToken: otherToken } });
      fake.enqueue(textHandler(['never answered']));
      const error = await failure(provider.sendCompletion(ask()));
      expect(error).toMatchObject({ code: 'authentication', providerCode: 'UnrecognizedClientException' });
      expectNoCredentials(error, otherToken);
    });

    it('signs the stream request and the health probe too', async () => {
      await setup();
      fake.enqueue(textHandler(['Hi']));
      fake.server.route(
        'GET',
        '/async-invoke',
        fake.authenticated(converseJson({ asyncInvokeSummaries: [] })),
      );
      await collect(provider.streamCompletion(ask()));
      await provider.probe({});
      expect(fake.verified.map((entry) => entry.request.url)).toEqual([
        '/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream',
        '/async-invoke?maxResults=1',
      ]);
      expect(fake.verified[0]?.request.headers.accept).toBe('application/vnd.amazon.eventstream');
    });

    it('masks credentials that an error response echoes back', async () => {
      await setup();
      fake.enqueue((request, response) =>
        sendAwsError(
          response,
          403,
          'InvalidSignatureException',
          `Signature mismatch. Canonical request included x-amz-security-token:${IDENTITY.sessionToken} ` +
            `and ${request.headers.authorization} (secret ${IDENTITY.secretAccessKey})`,
        ),
      );
      const error = await failure(provider.sendCompletion(ask()));
      expect(error.code).toBe('authentication');
      expect(error.message).toContain('InvalidSignatureException');
      expect(error.message).toContain('[REDACTED]');
      expectNoCredentials(error);
    });
  });

  describe('credentials', () => {
    const second: FakeIdentity = {
      accessKeyId: 'ASIAQ3EXAMPLE2NDKEY9',
      secretAccessKey: 'second/secret/EXAMPLEKEYabcdefghijklmnop',
      sessionToken: 'IQoJb3JpZ2luX2VjSECONDsessionTOKEN0123456789abcdefghij',
    };

    it('refreshes credentials that expire within five minutes and signs with the new key', async () => {
      const issued: AwsCredentials[] = [
        { ...IDENTITY, expiration: new Date(Date.now() + 60_000) },
        { ...second, expiration: new Date(Date.now() + 60 * 60_000) },
      ];
      const provide = vi.fn(async () => issued.shift() as AwsCredentials);
      await setup({ credentials: provide });
      fake.allow(second);
      fake.enqueue(textHandler(['one']), textHandler(['two']), textHandler(['three']));
      await provider.sendCompletion(ask());
      await provider.sendCompletion(ask());
      await collect(provider.streamCompletion(ask()));
      expect(fake.verified.map((entry) => entry.auth)).toEqual([
        { scheme: 'sigv4', accessKeyId: IDENTITY.accessKeyId, sessionToken: IDENTITY.sessionToken },
        { scheme: 'sigv4', accessKeyId: second.accessKeyId, sessionToken: second.sessionToken },
        { scheme: 'sigv4', accessKeyId: second.accessKeyId, sessionToken: second.sessionToken },
      ]);
      // the second set has an hour left: the third request reuses it
      expect(provide).toHaveBeenCalledTimes(2);
    });

    it('asks a provider function once for concurrent requests', async () => {
      let release: (() => void) | undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const provide = vi.fn(async () => {
        await gate;
        return IDENTITY;
      });
      await setup({ credentials: provide });
      fake.enqueue(textHandler(['a']), textHandler(['b']), textHandler(['c']));
      const calls = [
        provider.sendCompletion(ask()),
        provider.sendCompletion(ask()),
        provider.sendCompletion(ask()),
      ];
      release?.();
      await Promise.all(calls);
      expect(provide).toHaveBeenCalledTimes(1);
      expect(fake.verified).toHaveLength(3);
    });

    it('reports a failing credential provider as authentication, before any request', async () => {
      await setup({
        credentials: async () => {
          throw new Error('Could not load credentials from any providers');
        },
      });
      const error = await failure(provider.sendCompletion(ask()));
      expect(error).toMatchObject({ code: 'authentication', providerId: 'aws-bedrock' });
      expect(error.message).toContain('Could not load AWS credentials');
      expect(fake.server.requests).toHaveLength(0);
    });

    it('fetches fresh credentials after ExpiredTokenException and marks it retryable', async () => {
      const provide = vi
        .fn<() => Promise<AwsCredentials>>()
        .mockResolvedValueOnce(IDENTITY)
        .mockResolvedValueOnce(second);
      await setup({ credentials: provide });
      fake.allow(second);
      fake.enqueue(
        (_request, response) =>
          sendAwsError(
            response,
            403,
            'ExpiredTokenException',
            'The security token included in the request is expired',
          ),
        textHandler(['fresh']),
      );
      const error = await failure(provider.sendCompletion(ask()));
      expect(error).toMatchObject({
        code: 'authentication',
        providerCode: 'ExpiredTokenException',
        retryable: true,
      });
      const response = await provider.sendCompletion(ask());
      expect(response.text).toBe('fresh');
      expect(fake.verified.at(-1)?.auth).toMatchObject({ accessKeyId: second.accessKeyId });
      expect(provide).toHaveBeenCalledTimes(2);
    });

    it('loads the default AWS credential chain lazily (here: from the environment)', async () => {
      vi.stubEnv('AWS_ACCESS_KEY_ID', second.accessKeyId);
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', second.secretAccessKey);
      vi.stubEnv('AWS_SESSION_TOKEN', second.sessionToken as string);
      vi.stubEnv('AWS_BEARER_TOKEN_BEDROCK', '');
      fake = await createFakeBedrock(REGION);
      fake.allow(second);
      provider = createBedrockProvider({ region: REGION, endpoint: fake.url });
      fake.enqueue(textHandler(['from the chain']));
      const response = await provider.sendCompletion(ask());
      expect(response.text).toBe('from the chain');
      expect(fake.verified[0]?.auth).toEqual({
        scheme: 'sigv4',
        accessKeyId: second.accessKeyId,
        sessionToken: second.sessionToken,
      });
    });
  });

  describe('Bedrock API keys', () => {
    it('sends an API key as a bearer token instead of signing', async () => {
      fake = await createFakeBedrock(REGION);
      fake.allowApiKey(API_KEY);
      provider = createBedrockProvider({ region: REGION, endpoint: fake.url, apiKey: API_KEY });
      fake.enqueue(textHandler(['keyed']), textHandler(['streamed']));
      expect((await provider.sendCompletion(ask())).text).toBe('keyed');
      const folded = await foldStream(provider.streamCompletion(ask()), {
        provider: 'aws-bedrock',
        model: MODEL,
      });
      expect(folded.text).toBe('streamed');
      expect(fake.verified.map((entry) => entry.auth)).toEqual([
        { scheme: 'bearer', apiKey: API_KEY },
        { scheme: 'bearer', apiKey: API_KEY },
      ]);
      expect(fake.verified[0]?.request.headers['x-amz-date']).toBeUndefined();
    });

    it('reads AWS_BEARER_TOKEN_BEDROCK, and explicit credentials win over it', async () => {
      vi.stubEnv('AWS_BEARER_TOKEN_BEDROCK', API_KEY);
      fake = await createFakeBedrock(REGION);
      fake.allowApiKey(API_KEY);
      fake.allow(IDENTITY);
      const keyed = createBedrockProvider({ region: REGION, endpoint: fake.url });
      const signed = createBedrockProvider({ region: REGION, endpoint: fake.url, credentials: IDENTITY });
      provider = keyed;
      fake.enqueue(textHandler(['a']), textHandler(['b']));
      await keyed.sendCompletion(ask());
      await signed.sendCompletion(ask());
      await signed.close?.();
      expect(fake.verified.map((entry) => entry.auth.scheme)).toEqual(['bearer', 'sigv4']);
    });

    it('never puts a rejected API key into the error', async () => {
      const wrongKey = 'ABSKd3Jvbmcta2V5LXRoYXQtdGhlLWZha2UtZG9lcy1ub3Qta25vdw==';
      fake = await createFakeBedrock(REGION);
      fake.allowApiKey(API_KEY);
      provider = createBedrockProvider({ region: REGION, endpoint: fake.url, apiKey: wrongKey });
      fake.enqueue(textHandler(['never']));
      const error = await failure(provider.sendCompletion(ask()));
      expect(error.code).toBe('authentication');
      expectNoCredentials(error, wrongKey);
    });
  });

  describe('Converse', () => {
    it('sends the converted request: system, alternating merged turns, inference config, tools', async () => {
      await setup();
      fake.enqueue(converseJson(fixtures.json('converse-response-text.json')));
      const messages: Message[] = [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'user', content: 'And in Rome?' },
        {
          role: 'assistant',
          content: 'Checking both.',
          toolCalls: [
            { id: 'tooluse_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
            { id: 'tooluse_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
          ],
        },
        { role: 'tool', toolCallId: 'tooluse_1', content: 'Rain, 14°C' },
        { role: 'tool', toolCallId: 'tooluse_2', content: 'Sun, 24°C', isError: false },
        { role: 'user', content: 'Summarize.' },
      ];
      await provider.sendCompletion({
        model: MODEL,
        messages,
        maxTokens: 300,
        temperature: 0.2,
        topP: 0.9,
        stop: ['END'],
        tools: [
          {
            name: 'get_weather',
            description: 'Current weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        ],
        toolChoice: 'required',
        providerParams: {
          'aws-bedrock': {
            additionalModelRequestFields: { top_k: 40 },
            guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1' },
          },
          openai: { logprobs: true },
        },
      });
      const body = fake.verified[0]?.request.json<ConverseRequest>();
      expect(body).toEqual({
        system: [{ text: 'Be brief.' }],
        messages: [
          { role: 'user', content: [{ text: 'Weather in Paris?' }, { text: 'And in Rome?' }] },
          {
            role: 'assistant',
            content: [
              { text: 'Checking both.' },
              { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } },
              { toolUse: { toolUseId: 'tooluse_2', name: 'get_weather', input: { city: 'Rome' } } },
            ],
          },
          {
            role: 'user',
            content: [
              { toolResult: { toolUseId: 'tooluse_1', content: [{ text: 'Rain, 14°C' }] } },
              { toolResult: { toolUseId: 'tooluse_2', content: [{ text: 'Sun, 24°C' }] } },
              { text: 'Summarize.' },
            ],
          },
        ],
        inferenceConfig: { maxTokens: 300, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
        toolConfig: {
          tools: [
            {
              toolSpec: {
                name: 'get_weather',
                description: 'Current weather',
                inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
              },
            },
          ],
          toolChoice: { any: {} },
        },
        additionalModelRequestFields: { top_k: 40 },
        guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1' },
      });
    });

    it('maps a tool-use response', async () => {
      await setup();
      fake.enqueue(converseJson(fixtures.json('converse-response-tool-use.json')));
      const response = await provider.sendCompletion(ask('Weather in Paris?'));
      expect(response.finishReason).toBe('tool_calls');
      expect(response.content).toEqual([
        { type: 'text', text: 'Let me look up the weather.' },
        {
          type: 'tool-call',
          id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
          name: 'get_weather',
          arguments: '{"city":"Paris","unit":"celsius"}',
        },
      ]);
      expect(response.usage).toEqual({ inputTokens: 402, outputTokens: 58, totalTokens: 460 });
    });

    it('round-trips signed reasoning: the response signature is sent back verbatim', async () => {
      await setup();
      fake.enqueue(converseJson(fixtures.json('converse-response-reasoning.json')), textHandler(['ok']));
      const first = await provider.sendCompletion({ ...ask('27 * 453?'), reasoning: { budgetTokens: 2048 } });
      expect(first.content).toEqual([
        {
          type: 'reasoning',
          text: 'The user asks for 27 * 453. 27 * 453 = 12231.',
          signature: 'ErUBCkYIBhgCIkCz9oQ2nY1yR5ZfXwZ3W8vGmV5mHq0bJc0kq2w1H3Xu1p9Pq3R6T0sLr0sS3y7nA==',
        },
        { type: 'reasoning', text: '', signature: 'RWNyeXB0ZWRUaGlua2luZ0Jsb2NrRGF0YQ==', redacted: true },
        { type: 'text', text: '27 × 453 = 12,231.' },
      ]);
      // cache reads and writes are added to the prompt tokens so cost math counts every token
      expect(first.usage).toEqual({
        inputTokens: 2035,
        outputTokens: 120,
        totalTokens: 2155,
        cachedInputTokens: 1800,
        cacheWriteInputTokens: 200,
      });
      const firstBody = fake.verified[0]?.request.json<ConverseRequest>();
      expect(firstBody?.additionalModelRequestFields).toEqual({
        thinking: { type: 'enabled', budget_tokens: 2048 },
      });
      expect(firstBody?.inferenceConfig).toEqual({ maxTokens: 2048 + 4096 });

      await provider.sendCompletion({
        model: MODEL,
        messages: [
          { role: 'user', content: '27 * 453?' },
          { role: 'assistant', content: first.content.filter((part) => part.type !== 'tool-call') },
          { role: 'user', content: 'Now halve it.' },
        ],
      });
      const secondBody = fake.verified[1]?.request.json<ConverseRequest>();
      expect(secondBody?.messages[1]).toEqual({
        role: 'assistant',
        content: [
          {
            reasoningContent: {
              reasoningText: {
                text: 'The user asks for 27 * 453. 27 * 453 = 12231.',
                signature: 'ErUBCkYIBhgCIkCz9oQ2nY1yR5ZfXwZ3W8vGmV5mHq0bJc0kq2w1H3Xu1p9Pq3R6T0sLr0sS3y7nA==',
              },
            },
          },
          { reasoningContent: { redactedContent: 'RWNyeXB0ZWRUaGlua2luZ0Jsb2NrRGF0YQ==' } },
          { text: '27 × 453 = 12,231.' },
        ],
      });
    });

    it.each([
      ['end_turn', 'stop'],
      ['stop_sequence', 'stop'],
      ['max_tokens', 'length'],
      ['model_context_window_exceeded', 'length'],
      ['tool_use', 'tool_calls'],
      ['guardrail_intervened', 'content_filter'],
      ['content_filtered', 'content_filter'],
      ['malformed_model_output', 'error'],
      ['something_new', 'other'],
    ])('maps stopReason %s to %s, in Converse and ConverseStream', async (stopReason, finishReason) => {
      await setup();
      fake.enqueue(textHandler(['x'], stopReason), textHandler(['x'], stopReason));
      expect((await provider.sendCompletion(ask())).finishReason).toBe(finishReason);
      const chunks = await collect(provider.streamCompletion(ask()));
      expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason });
    });

    it('rejects image URLs and oversized temperatures before any I/O', async () => {
      await setup();
      const imageError = await failure(
        provider.sendCompletion({
          model: MODEL,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is this?' },
                { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
              ],
            },
          ],
        }),
      );
      expect(imageError).toMatchObject({ code: 'invalid_request', field: 'messages.0.content.1.source' });
      const temperatureError = await failure(provider.sendCompletion({ ...ask(), temperature: 1.5 }));
      expect(temperatureError).toMatchObject({ code: 'invalid_request', field: 'temperature' });
      expect(fake.server.requests).toHaveLength(0);
    });
  });

  describe('errors', () => {
    it.each([
      [429, 'ThrottlingException', 'Too many tokens, please wait before trying again.', 'rate_limit', true],
      [
        400,
        'ValidationException',
        'Input is too long for requested model.',
        'context_length_exceeded',
        false,
      ],
      [
        400,
        'ValidationException',
        'The model returned the following errors: too many tokens in input',
        'context_length_exceeded',
        false,
      ],
      [400, 'ValidationException', 'messages.0.content: field is required', 'invalid_request', false],
      [
        403,
        'AccessDeniedException',
        "You don't have access to the model with the specified model ID.",
        'permission',
        false,
      ],
      [
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        'authentication',
        false,
      ],
      [404, 'ResourceNotFoundException', 'Could not resolve the foundation model.', 'not_found', false],
      [429, 'ModelNotReadyException', 'Model is not ready for inference.', 'provider', true],
      [503, 'ServiceUnavailableException', 'Bedrock is unable to process your request.', 'provider', true],
      [500, 'InternalServerException', 'Internal failure.', 'provider', true],
      [408, 'ModelTimeoutException', 'Model has timed out in processing the request.', 'timeout', true],
      [
        400,
        'ServiceQuotaExceededException',
        'Your request exceeds the service quota for your account.',
        'quota_exceeded',
        false,
      ],
    ] as const)('maps HTTP %i %s to %s', async (status, type, message, code, retryable) => {
      await setup();
      fake.enqueue((_request, response) =>
        sendAwsError(response, status, type, message, { 'retry-after': '2' }),
      );
      const error = await failure(provider.sendCompletion(ask()));
      expect(error).toMatchObject({
        code,
        retryable,
        status,
        providerCode: type,
        providerId: 'aws-bedrock',
        retryAfterMs: 2000,
      });
      expect(error.message).toContain(message);
      expectNoCredentials(error);
    });
  });

  describe('ConverseStream', () => {
    it('streams text in order with finish last, folding to the answer', async () => {
      await setup();
      fake.enqueue(eventStream(textFrames(['Hel', 'lo', '!'])));
      const chunks = await collect(provider.streamCompletion(ask()));
      expect(chunks).toEqual([
        { type: 'text-delta', text: 'Hel' },
        { type: 'text-delta', text: 'lo' },
        { type: 'text-delta', text: '!' },
        {
          type: 'finish',
          finishReason: 'stop',
          usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 },
          responseId: 'req-stream-1',
          model: MODEL,
        },
      ]);
    });

    it('streams tool input fragments keyed by tool index, not content block index', async () => {
      await setup();
      fake.enqueue(
        eventStream([
          eventFrame('messageStart', { role: 'assistant' }),
          eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Checking.' } }),
          eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
          eventFrame('contentBlockStart', {
            contentBlockIndex: 1,
            start: { toolUse: { toolUseId: 'tooluse_A', name: 'get_weather' } },
          }),
          eventFrame('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"ci' } } }),
          eventFrame('contentBlockDelta', {
            contentBlockIndex: 1,
            delta: { toolUse: { input: 'ty":"Paris"}' } },
          }),
          eventFrame('contentBlockStop', { contentBlockIndex: 1 }),
          eventFrame('contentBlockStart', {
            contentBlockIndex: 2,
            start: { toolUse: { toolUseId: 'tooluse_B', name: 'get_time' } },
          }),
          eventFrame('contentBlockStop', { contentBlockIndex: 2 }),
          ...endFrames('tool_use'),
        ]),
      );
      const chunks = await collect(provider.streamCompletion(ask()));
      expect(chunks.filter((chunk) => chunk.type === 'tool-call-delta')).toEqual([
        { type: 'tool-call-delta', index: 0, id: 'tooluse_A', name: 'get_weather', argumentsDelta: '' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"ci' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: 'ty":"Paris"}' },
        { type: 'tool-call-delta', index: 1, id: 'tooluse_B', name: 'get_time', argumentsDelta: '' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      ]);
      const folded = await foldStream(
        (async function* () {
          yield* chunks;
        })(),
        { provider: 'aws-bedrock', model: MODEL },
      );
      expect(folded.finishReason).toBe('tool_calls');
      expect(folded.content).toEqual([
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', id: 'tooluse_A', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'tooluse_B', name: 'get_time', arguments: '{}' },
      ]);
    });

    it('streams reasoning text and its signature, which round-trips into the next request', async () => {
      await setup();
      fake.enqueue(
        eventStream([
          eventFrame('messageStart', { role: 'assistant' }),
          eventFrame('contentBlockDelta', {
            contentBlockIndex: 0,
            delta: { reasoningContent: { text: 'Think ' } },
          }),
          eventFrame('contentBlockDelta', {
            contentBlockIndex: 0,
            delta: { reasoningContent: { text: 'hard.' } },
          }),
          eventFrame('contentBlockDelta', {
            contentBlockIndex: 0,
            delta: { reasoningContent: { signature: 'sig-streamed-0123' } },
          }),
          eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
          eventFrame('contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Answer.' } }),
          eventFrame('contentBlockStop', { contentBlockIndex: 1 }),
          ...endFrames('end_turn', {
            inputTokens: 10,
            outputTokens: 20,
            totalTokens: 30,
            cacheReadInputTokens: 5,
          }),
        ]),
        textHandler(['next']),
      );
      const folded = await foldStream(provider.streamCompletion({ ...ask(), reasoning: { effort: 'low' } }), {
        provider: 'aws-bedrock',
        model: MODEL,
      });
      expect(folded.content).toEqual([
        { type: 'reasoning', text: 'Think hard.', signature: 'sig-streamed-0123' },
        { type: 'text', text: 'Answer.' },
      ]);
      expect(folded.usage).toEqual({
        inputTokens: 15,
        outputTokens: 20,
        totalTokens: 35,
        cachedInputTokens: 5,
      });
      expect(fake.verified[0]?.request.json<ConverseRequest>().additionalModelRequestFields).toEqual({
        thinking: { type: 'enabled', budget_tokens: 2048 },
      });
      await provider.sendCompletion({
        model: MODEL,
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: folded.content.filter((part) => part.type !== 'tool-call') },
          { role: 'user', content: 'more' },
        ],
      });
      expect(fake.verified[1]?.request.json<ConverseRequest>().messages[1]?.content[0]).toEqual({
        reasoningContent: { reasoningText: { text: 'Think hard.', signature: 'sig-streamed-0123' } },
      });
    });

    it.each([
      ['throttlingException', 'rate_limit', true],
      ['serviceUnavailableException', 'provider', true],
      ['modelStreamErrorException', 'stream', true],
      ['validationException', 'invalid_request', false],
      ['internalServerException', 'provider', true],
    ] as const)('turns a %s frame into a %s error', async (exceptionType, code, retryable) => {
      await setup();
      fake.enqueue(
        eventStream([
          eventFrame('messageStart', { role: 'assistant' }),
          eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'par' } }),
          exceptionFrame(exceptionType, `${exceptionType} happened for ${IDENTITY.accessKeyId}`),
        ]),
      );
      const seen: StreamChunk[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of provider.streamCompletion(ask())) seen.push(chunk);
        })(),
      );
      expect(seen).toEqual([{ type: 'text-delta', text: 'par' }]);
      expect(error).toMatchObject({ code, retryable, providerId: 'aws-bedrock', model: MODEL });
      expect(error.providerCode).toBe(exceptionType.charAt(0).toUpperCase() + exceptionType.slice(1));
      expect(error.message).toContain(`${exceptionType} happened`);
      expectNoCredentials(error);
    });

    it('fails with a stream error on a frame whose CRC does not match', async () => {
      await setup();
      const frames = textFrames(['Hello', ' world']);
      const corrupted = Uint8Array.from(frames[1] as Uint8Array);
      // flip one payload byte: the prelude still checks out, the message CRC does not
      corrupted[corrupted.length - 10] = (corrupted[corrupted.length - 10] as number) ^ 0xff;
      fake.enqueue(eventStream([frames[0] as Uint8Array, corrupted, ...frames.slice(2)]));
      const error = await streamFailure(provider.streamCompletion(ask()));
      expect(error.code).toBe('stream');
      expect(error.message).toContain('CRC');
    });

    it('decodes a stream delivered one byte per TCP write', async () => {
      await setup();
      fake.enqueue(eventStream(textFrames(['split ', 'everywhere']), { bytesPerWrite: 1 }));
      const folded = await foldStream(provider.streamCompletion(ask()), {
        provider: 'aws-bedrock',
        model: MODEL,
      });
      expect(folded.text).toBe('split everywhere');
    });

    it('fails when the stream ends inside a frame', async () => {
      await setup();
      const all = Buffer.concat(textFrames(['cut']));
      fake.enqueue(eventStream([all.subarray(0, all.length - 7)]));
      const error = await streamFailure(provider.streamCompletion(ask()));
      expect(error.code).toBe('stream');
      expect(error.message).toContain('ended inside a message');
    });

    it('fails when messageStop arrives but metadata never does', async () => {
      await setup();
      fake.enqueue(eventStream(textFrames(['almost']).slice(0, -1)));
      const chunks: StreamChunk[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of provider.streamCompletion(ask())) chunks.push(chunk);
        })(),
      );
      expect(error.code).toBe('stream');
      expect(error.message).toContain('without metadata');
      expect(chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
    });

    it('fails with network or stream when the connection is reset mid-stream', async () => {
      await setup();
      fake.enqueue(eventStream(textFrames(['lost']).slice(0, 2), { ending: 'destroy' }));
      const error = await streamFailure(provider.streamCompletion(ask()));
      expect(['network', 'stream']).toContain(error.code);
    });

    it('closes the connection when aborted mid-stream', async () => {
      await setup();
      fake.enqueue(
        eventStream([eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'first' } })], {
          ending: 'hang',
        }),
      );
      const closed = fake.server.nextClientAbort();
      const controller = new AbortController();
      const error = await failure(
        (async () => {
          for await (const chunk of provider.streamCompletion(ask(), { signal: controller.signal })) {
            if (chunk.type === 'text-delta') controller.abort();
          }
        })(),
      );
      expect(error.code).toBe('cancelled');
      await closed;
      expect(fake.server.clientAborts).toBe(1);
    });
  });

  // Deadlines run on fake timers that move only once the exchange reached the phase under test
  // (the fake saw the request, the client read the last frame sent), so the machine's load never
  // decides which limit fires. Sockets stay real: the upstream must see the connection close.
  describe('deadlines', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    // a stream that sent its first text and then went quiet, read up to that point with the clock
    // standing still; `pending` is the next pull, which only a deadline can end
    async function stalledAfterText(
      options: CallOptions,
    ): Promise<{ pending: Promise<IteratorResult<StreamChunk>> }> {
      fake.enqueue(
        eventStream(
          [eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'then nothing' } })],
          { ending: 'hang' },
        ),
      );
      const iterator = provider.streamCompletion(ask(), options)[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toEqual({ type: 'text-delta', text: 'then nothing' });
      return { pending: iterator.next() };
    }

    function neverAnswers(): { arrived: Promise<void> } {
      let arrive!: () => void;
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      fake.enqueue(() => arrive());
      return { arrived };
    }

    it('times out a stream that stalls mid-way with the call idle timeout, and closes it', async () => {
      await setup();
      const closed = fake.server.nextClientAbort();
      const error = await settleWithClock(
        failure((await stalledAfterText({ idleTimeoutMs: 50 })).pending),
        50,
      );
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(/response body stalled for more than 50 ms/i);
      await closed;
    });

    it('applies idleTimeoutMs and timeoutMs from the config to a stream, mid-stream too', async () => {
      await setup({ idleTimeoutMs: 80 });
      const closed = fake.server.nextClientAbort();
      const idle = await settleWithClock(failure((await stalledAfterText({})).pending), 10);
      expect(idle.message).toMatch(/response body stalled for more than 80 ms/i);
      await closed;
      await provider.close?.();
      await fake.close();
      await setup({ timeoutMs: 1000 });
      const closedAgain = fake.server.nextClientAbort();
      const whole = await settleWithClock(failure((await stalledAfterText({})).pending), 100);
      expect(whole.message).toMatch(/request did not complete within 1000 ms/i);
      await closedAgain;
    });

    it('applies firstByteTimeoutMs from the config, and the call value overrides it', async () => {
      await setup({ firstByteTimeoutMs: 100 });
      let upstream = neverAnswers();
      let closed = fake.server.nextClientAbort();
      let error = failure(provider.sendCompletion(ask()));
      await upstream.arrived;
      vi.advanceTimersByTime(100);
      expect((await error).message).toMatch(/no response headers within 100 ms/i);
      await closed;
      upstream = neverAnswers();
      closed = fake.server.nextClientAbort();
      error = failure(collect(provider.streamCompletion(ask(), { firstByteTimeoutMs: 300 })));
      await upstream.arrived;
      vi.advanceTimersByTime(300);
      expect((await error).message).toMatch(/no response headers within 300 ms/i);
      await closed;
    });

    it('counts fetching credentials against the whole-call deadline and sends nothing when it passes', async () => {
      // a credential chain that never answers (an unreachable instance metadata service)
      await setup({ credentials: () => new Promise<AwsCredentials>(() => {}) });
      const error = failure(provider.sendCompletion(ask(), { timeoutMs: 500 }));
      await settleWithClock(error, 100);
      expect(await error).toMatchObject({ code: 'timeout', providerId: 'aws-bedrock' });
      expect(fake.server.requests).toHaveLength(0);
    });
  });

  describe('metadata and health', () => {
    it('finds prices for inference-profile ids in the cached metadata', async () => {
      await setup();
      const metadata = await provider.getMetadata();
      expect(await provider.getMetadata()).toBe(metadata);
      const base = metadata.models.find((model) => model.id === 'anthropic.claude-sonnet-4-5-20250929-v1:0');
      const profile = metadata.models.find((model) => model.id === MODEL);
      expect(base?.pricing).toEqual({
        inputPer1k: 0.003,
        outputPer1k: 0.015,
        cachedInputPer1k: 0.0003,
        cacheWriteInputPer1k: 0.00375,
      });
      expect(profile).toEqual({ ...base, id: MODEL });
      expect(metadata.models.some((model) => model.id === 'amazon.nova-pro-v1:0')).toBe(true);
      expect(metadata.models.some((model) => model.id === 'mistral.mistral-large-2407-v1:0')).toBe(true);
      expect(metadata.models.some((model) => model.id.startsWith('meta.llama3-3'))).toBe(true);
    });

    it('probes with a signed ListAsyncInvokes and rejects with the classified error', async () => {
      await setup();
      fake.enqueue(
        converseJson({ asyncInvokeSummaries: [] }),
        (_request, response) =>
          sendAwsError(
            response,
            403,
            'AccessDeniedException',
            'not authorized to perform bedrock:ListAsyncInvokes',
          ),
        (_request, response) =>
          sendAwsError(response, 429, 'ThrottlingException', 'slow down', { 'retry-after': '1' }),
      );
      await expect(provider.probe({})).resolves.toBeUndefined();
      // the hub classifies: a permission problem is unhealthy, a throttle degraded
      expect(await failure(provider.probe({}))).toMatchObject({
        code: 'permission',
        providerCode: 'AccessDeniedException',
      });
      expect(await failure(provider.probe({}))).toMatchObject({ code: 'rate_limit', retryAfterMs: 1000 });
      expect(fake.verified.map((entry) => entry.request.url)).toEqual([
        '/async-invoke?maxResults=1',
        '/async-invoke?maxResults=1',
        '/async-invoke?maxResults=1',
      ]);
    });

    it('rejects the probe with authentication when credentials are refused, without leaking them', async () => {
      await setup({
        credentials: { accessKeyId: 'AKIAIOSFODNN7UNKNOWN', secretAccessKey: 'nope-nope-nope-nope' },
      });
      fake.server.route(
        'GET',
        '/async-invoke',
        fake.authenticated(converseJson({ asyncInvokeSummaries: [] })),
      );
      const error = await failure(provider.probe({}));
      expect(error).toMatchObject({ code: 'authentication', providerCode: 'UnrecognizedClientException' });
      expectNoCredentials(error, 'AKIAIOSFODNN7UNKNOWN', 'nope-nope-nope-nope');
    });
  });

  describe('configuration', () => {
    it('reads the region from AWS_REGION before AWS_DEFAULT_REGION and builds the endpoint from it', async () => {
      vi.stubEnv('AWS_DEFAULT_REGION', 'eu-west-1');
      vi.stubEnv('AWS_REGION', 'us-west-2');
      vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', '');
      fake = await createFakeBedrock('us-west-2');
      fake.allow(IDENTITY);
      provider = createBedrockProvider({ credentials: IDENTITY, endpoint: fake.url });
      fake.enqueue(textHandler(['west']));
      expect((await provider.sendCompletion(ask())).text).toBe('west');
      expect(fake.verified[0]?.request.headers.authorization).toContain('/us-west-2/bedrock/aws4_request');
    });

    it('names the failing fields when the factory runs', () => {
      vi.stubEnv('AWS_REGION', '');
      vi.stubEnv('AWS_DEFAULT_REGION', '');
      vi.stubEnv('AWS_BEARER_TOKEN_BEDROCK', '');
      expect(() => createBedrockProvider({})).toThrow(/region: is required/);
      expect(() => createBedrockProvider({ region: 'us-east-1', endpoint: 'http://proxy?token=x' })).toThrow(
        /endpoint/,
      );
      expect(() =>
        createBedrockProvider({ region: 'us-east-1', apiKey: API_KEY, credentials: IDENTITY }),
      ).toThrow(/apiKey: cannot be combined with credentials/);
      expect(() => createBedrockProvider(null as unknown as BedrockOptions)).toThrow(
        /options must be an object/,
      );
    });
  });
});
