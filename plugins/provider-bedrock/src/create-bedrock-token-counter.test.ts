import { type CompletionRequest, ConnectorError, createHub, type LLMProvider } from '@hub/core';
import { fixtureReader } from '@hub/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  converseJson,
  createFakeBedrock,
  type FakeBedrock,
  sendAwsError,
} from './__fixtures__/fake-bedrock.js';
import { bedrock } from './bedrock-plugin.js';
import { createBedrockProvider } from './bedrock-provider.js';
import type { CountTokensRequest } from './bedrock-wire-types.js';
import { buildConverseRequest } from './build-converse-request.js';

const fixtures = fixtureReader(new URL('./__fixtures__/', import.meta.url));

const REGION = 'us-east-1';
const SONNET_4 = 'anthropic.claude-sonnet-4-20250514-v1:0';
const IDENTITY = {
  accessKeyId: 'AKIDCOUNTTOKENSTEST1',
  secretAccessKey: 'count-tokens-test-secret-0123456789',
};
const NOT_COUNTABLE = "The provided model doesn't support counting tokens.";

const request = (model: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'What is the weather in Paris?' },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Current weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  ],
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(ConnectorError.isInstance(error), `expected a ConnectorError, got ${String(error)}`).toBe(true);
  return error as ConnectorError;
}

describe('countTokens through the CountTokens API', () => {
  let fake: FakeBedrock;
  let provider: LLMProvider;
  const count = (countRequest: CompletionRequest, signal?: AbortSignal) =>
    (provider.countTokens as NonNullable<LLMProvider['countTokens']>)(
      countRequest,
      signal === undefined ? {} : { signal },
    );

  async function setup(): Promise<void> {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    provider = createBedrockProvider(
      { region: REGION, endpoint: fake.url, credentials: IDENTITY },
      { env: {} },
    );
  }

  afterEach(async () => {
    await provider?.close?.();
    await fake?.close();
  });

  it.each([
    [SONNET_4],
    [`us.${SONNET_4}`],
    [`arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${SONNET_4}`],
  ])('counts %s with the foundation model id and the Converse input', async (model) => {
    await setup();
    fake.enqueue(converseJson(fixtures.json('count-tokens-response.json')));
    const counted = await count(request(model));
    expect(counted).toEqual({ inputTokens: 42, exact: true, provider: 'aws-bedrock', model });
    const [verified] = fake.verified;
    expect(verified?.auth.scheme).toBe('sigv4');
    expect(verified?.request.url).toBe('/model/anthropic.claude-sonnet-4-20250514-v1%3A0/count-tokens');
    const converse = buildConverseRequest(request(model));
    expect(verified?.request.json<CountTokensRequest>()).toEqual({
      input: {
        converse: { messages: converse.messages, system: converse.system, toolConfig: converse.toolConfig },
      },
    });
  });

  it('leaves inference settings such as a thinking budget out of the count', async () => {
    await setup();
    fake.enqueue(converseJson({ inputTokens: 9 }));
    const { tools: _tools, ...withoutTools } = request(SONNET_4, { reasoning: { budgetTokens: 2048 } });
    await count(withoutTools);
    expect(Object.keys(fake.verified[0]?.request.json<CountTokensRequest>().input.converse ?? {})).toEqual([
      'messages',
      'system',
    ]);
  });

  it.each([
    ['amazon.nova-pro-v1:0'],
    ['us.meta.llama3-3-70b-instruct-v1:0'],
    ['amazon.titan-embed-text-v2:0'],
  ])('refuses %s as unsupported before any I/O: CountTokens covers Claude models only', async (model) => {
    await setup();
    const error = await failure(count(request(model)));
    expect(error).toMatchObject({ code: 'unsupported', providerId: 'aws-bedrock', model, retryable: false });
    expect(fake.server.requests).toHaveLength(0);
  });

  it('turns "doesn\'t support counting tokens" into unsupported, and does not ask again for that model', async () => {
    await setup();
    const haiku45 = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
    fake.enqueue((_request, response) => sendAwsError(response, 400, 'ValidationException', NOT_COUNTABLE));
    const first = await failure(count(request(haiku45)));
    expect(first).toMatchObject({ code: 'unsupported', model: haiku45 });
    const again = await failure(count(request('anthropic.claude-haiku-4-5-20251001-v1:0')));
    expect(again.code).toBe('unsupported');
    expect(fake.server.requests).toHaveLength(1);
  });

  it.each([
    [
      400,
      'ValidationException',
      'prompt is too long: 250000 tokens > 200000 maximum',
      'context_length_exceeded',
    ],
    [429, 'ThrottlingException', 'Too many requests, please wait before trying again.', 'rate_limit'],
    [403, 'AccessDeniedException', 'not authorized to perform bedrock:CountTokens', 'permission'],
    [500, 'InternalServerException', 'Internal failure.', 'provider'],
  ] as const)('passes HTTP %i %s on as %s', async (status, type, message, code) => {
    await setup();
    fake.enqueue((_request, response) => sendAwsError(response, status, type, message));
    expect((await failure(count(request(SONNET_4)))).code).toBe(code);
  });

  it('fails with parse when the answer holds no token count', async () => {
    await setup();
    fake.enqueue(converseJson({ tokens: 3 }));
    expect(await failure(count(request(SONNET_4)))).toMatchObject({ code: 'parse', status: 200 });
  });

  it('sends nothing for an aborted signal', async () => {
    await setup();
    const controller = new AbortController();
    controller.abort();
    expect((await failure(count(request(SONNET_4), controller.signal))).code).toBe('cancelled');
    expect(fake.server.requests).toHaveLength(0);
  });

  it('gives hub.countTokens the exact count, and the hub estimates where Bedrock cannot count', async () => {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    fake.enqueue(converseJson({ inputTokens: 42 }));
    const hub = createHub({
      plugins: [bedrock({ region: REGION, endpoint: fake.url, credentials: IDENTITY })],
    });
    try {
      expect(await hub.countTokens(request(`aws-bedrock/${SONNET_4}`))).toMatchObject({
        inputTokens: 42,
        exact: true,
        provider: 'aws-bedrock',
      });
      const estimated = await hub.countTokens(request('aws-bedrock/amazon.nova-pro-v1:0'));
      expect(estimated.exact).toBe(false);
      expect(estimated.inputTokens).toBeGreaterThan(0);
      expect(fake.server.requests).toHaveLength(1);
    } finally {
      await hub.close();
    }
  });
});
