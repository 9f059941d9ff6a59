import type { LLMProvider } from '@hub/core';
import { METADATA_POLICY } from '@hub/provider-utils';
import { fixtureReader } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  converseJson,
  createFakeBedrock,
  type FakeBedrock,
  sendAwsError,
} from './__fixtures__/fake-bedrock.js';
import { createBedrockProvider } from './bedrock-provider.js';

const fixtures = fixtureReader(new URL('./__fixtures__/', import.meta.url));

const REGION = 'us-east-1';
const IDENTITY = {
  accessKeyId: 'AKIDMODELLISTTEST001',
  secretAccessKey: 'model-list-test-secret-0123456789',
};
const SONNET_4 = 'anthropic.claude-sonnet-4-20250514-v1:0';

describe('metadata from ListFoundationModels through the kit cache', () => {
  let fake: FakeBedrock;
  let provider: LLMProvider;
  let now = 1_000_000;

  async function setup(env: Record<string, string> = {}): Promise<void> {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    provider = createBedrockProvider(
      { region: REGION, endpoint: fake.url, controlPlaneEndpoint: fake.url, credentials: IDENTITY },
      { env, now: () => now },
    );
  }

  afterEach(async () => {
    await provider?.close?.();
    await fake?.close();
  });

  it('merges the signed model list over the catalog: catalog figures win, unknown models say what the list says', async () => {
    await setup();
    fake.enqueue(converseJson(fixtures.json('list-foundation-models-response.json')));
    const metadata = await provider.getMetadata();
    expect(fake.verified.map((entry) => entry.request.url)).toEqual(['/foundation-models']);
    expect(fake.verified[0]?.auth.scheme).toBe('sigv4');
    const byId = new Map(metadata.models.map((model) => [model.id, model]));
    // listed first, in list order; image generators and provisioned-only variants left out
    expect(metadata.models.slice(0, 3).map((model) => model.id)).toEqual([
      SONNET_4,
      'amazon.titan-embed-text-v2:0',
      'writer.palmyra-x5-v1:0',
    ]);
    expect(byId.has('amazon.nova-canvas-v1:0')).toBe(false);
    expect(byId.has('anthropic.claude-3-haiku-20240307-v1:0:200k')).toBe(false);
    expect(byId.get(SONNET_4)?.pricing?.inputPer1k).toBe(0.003);
    expect(byId.get('amazon.titan-embed-text-v2:0')?.embedding?.flexibleDimensions).toBe(true);
    expect(byId.get('writer.palmyra-x5-v1:0')?.capabilities).toEqual({
      streaming: true,
      tools: false,
      vision: false,
      json: false,
    });
    expect(byId.get('writer.palmyra-x5-v1:0')?.pricing).toBeUndefined();
    // the rest of the catalog, inference profiles included, is still there
    expect(byId.get(`us.${SONNET_4}`)?.pricing?.inputPer1k).toBe(0.003);
    expect(byId.has('mistral.mistral-large-2407-v1:0')).toBe(true);
  });

  it('serves the list for the policy TTL, then reads it again', async () => {
    await setup();
    const list = fixtures.json('list-foundation-models-response.json');
    fake.enqueue(converseJson(list), converseJson(list));
    const first = await provider.getMetadata();
    now += METADATA_POLICY.ttlMs - 1;
    expect(await provider.getMetadata()).toBe(first);
    expect(fake.server.requests).toHaveLength(1);
    now += 2;
    await provider.getMetadata();
    expect(fake.server.requests).toHaveLength(2);
  });

  it('falls back to the catalog when the list is refused, and asks again after the fallback TTL', async () => {
    await setup();
    fake.enqueue(
      (_request, response) =>
        sendAwsError(
          response,
          403,
          'AccessDeniedException',
          'not authorized to perform bedrock:ListFoundationModels',
        ),
      converseJson(fixtures.json('list-foundation-models-response.json')),
    );
    const fallback = await provider.getMetadata();
    expect(fallback.models.some((model) => model.id === 'writer.palmyra-x5-v1:0')).toBe(false);
    expect(fallback.models.some((model) => model.id === SONNET_4)).toBe(true);
    now += METADATA_POLICY.fallbackTtlMs;
    const listed = await provider.getMetadata();
    expect(listed.models.some((model) => model.id === 'writer.palmyra-x5-v1:0')).toBe(true);
  });

  it('signs for the control plane and the runtime with one credential fetch', async () => {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    const fetchCredentials = vi.fn(async () => ({
      ...IDENTITY,
      expiration: new Date(Date.now() + 3_600_000),
    }));
    provider = createBedrockProvider(
      { region: REGION, endpoint: fake.url, controlPlaneEndpoint: fake.url, credentials: fetchCredentials },
      { env: {}, now: () => now },
    );
    fake.enqueue(
      converseJson({ modelSummaries: [] }),
      converseJson({
        output: { message: { role: 'assistant', content: [{ text: 'Hi' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      }),
    );
    await provider.getMetadata();
    await provider.sendCompletion({ model: SONNET_4, messages: [{ role: 'user', content: 'Hi' }] });
    expect(fake.verified.map((entry) => entry.request.url)).toEqual([
      '/foundation-models',
      '/model/anthropic.claude-sonnet-4-20250514-v1%3A0/converse',
    ]);
    expect(fetchCredentials).toHaveBeenCalledTimes(1);
  });

  it('reads the control-plane endpoint from AWS_ENDPOINT_URL_BEDROCK', async () => {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    provider = createBedrockProvider(
      { region: REGION, endpoint: fake.url, credentials: IDENTITY },
      { env: { AWS_ENDPOINT_URL_BEDROCK: fake.url } },
    );
    fake.enqueue(converseJson({ modelSummaries: [] }));
    await provider.getMetadata();
    expect(fake.verified.map((entry) => entry.request.url)).toEqual(['/foundation-models']);
  });

  it('does not guess the public control plane for a custom runtime endpoint: the catalog is the metadata', async () => {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    provider = createBedrockProvider(
      { region: REGION, endpoint: fake.url, credentials: IDENTITY },
      { env: {} },
    );
    const metadata = await provider.getMetadata();
    expect(metadata.models.some((model) => model.id === SONNET_4)).toBe(true);
    expect(fake.server.requests).toHaveLength(0);
  });
});
