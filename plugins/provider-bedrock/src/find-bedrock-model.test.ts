import { describe, expect, it } from 'vitest';
import { BEDROCK_MODEL_CATALOG } from './bedrock-model-catalog.js';
import { createBedrockProvider } from './bedrock-provider.js';
import { findBedrockModel } from './find-bedrock-model.js';
import { listBedrockModels } from './list-bedrock-models.js';
import { toBaseModelId } from './to-base-model-id.js';

describe('toBaseModelId', () => {
  it.each([
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['eu.amazon.nova-lite-v1:0', 'amazon.nova-lite-v1:0'],
    ['apac.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['global.anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
    ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'],
    [
      'arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-3-70b-instruct-v1:0',
      'meta.llama3-3-70b-instruct-v1:0',
    ],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-1-20250805-v1:0',
      'anthropic.claude-opus-4-1-20250805-v1:0',
    ],
    ['mistral.mistral-large-2407-v1:0', 'mistral.mistral-large-2407-v1:0'],
    // a model whose own name starts like a geography is left alone
    ['useful.model-v1', 'useful.model-v1'],
  ])('%s → %s', (modelId, base) => {
    expect(toBaseModelId(modelId)).toBe(base);
  });
});

describe('findBedrockModel', () => {
  it('finds inference-profile ids, ARNs and ids without the :0 suffix', () => {
    const sonnet = findBedrockModel('anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(sonnet?.contextWindow).toBe(200_000);
    expect(findBedrockModel('global.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe(sonnet);
    expect(findBedrockModel('anthropic.claude-sonnet-4-5-20250929-v1')).toBe(sonnet);
    expect(findBedrockModel('us.amazon.nova-micro-v1:0')?.capabilities.vision).toBe(false);
    expect(findBedrockModel('cohere.command-r-v1:0')).toBeUndefined();
  });
});

describe('the catalog', () => {
  it('covers Claude, Nova, Llama 3.x, Mistral Large, Titan and Cohere embeddings with well-formed entries', () => {
    const ids = BEDROCK_MODEL_CATALOG.map((model) => model.id);
    for (const prefix of [
      'anthropic.claude',
      'amazon.nova-pro',
      'amazon.nova-lite',
      'amazon.nova-micro',
      'meta.llama3',
      'mistral.mistral-large',
      'amazon.titan-embed-text-v2',
      'cohere.embed-english-v3',
      'cohere.embed-multilingual-v3',
    ]) {
      expect(
        ids.some((id) => id.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const model of BEDROCK_MODEL_CATALOG) {
      if (model.capabilities.embedding === true) {
        // embedding models price input only, and say how long their vectors and inputs are
        expect(model.pricing?.outputPer1k).toBe(0);
        expect(model.pricing?.inputPer1k).toBeGreaterThan(0);
        expect(model.embedding?.dimensions).toBe(1024);
        expect(model.embedding?.maxInputTokens).toBeLessThanOrEqual(model.contextWindow);
        continue;
      }
      expect(model.maxOutputTokens).toBeLessThanOrEqual(model.contextWindow);
      expect(model.pricing?.outputPer1k).toBeGreaterThan(0);
      expect(model.pricing?.inputPer1k).toBeLessThanOrEqual(model.pricing?.outputPer1k ?? 0);
    }
  });

  it('lists every base model and one entry per inference profile, without the profile list itself', () => {
    const models = listBedrockModels(BEDROCK_MODEL_CATALOG);
    const profiles = BEDROCK_MODEL_CATALOG.reduce((sum, model) => sum + model.inferenceProfiles.length, 0);
    expect(models).toHaveLength(BEDROCK_MODEL_CATALOG.length + profiles);
    expect(models.every((model) => !('inferenceProfiles' in model))).toBe(true);
    expect(models.find((model) => model.id === 'eu.amazon.nova-pro-v1:0')?.pricing?.inputPer1k).toBe(0.0008);
  });
});

describe('resolveModel through the hub contract', () => {
  it('finds the base entry of an ARN or a regional profile in the provider metadata', async () => {
    const provider = createBedrockProvider({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const metadata = await provider.getMetadata();
    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/jp.anthropic.claude-sonnet-4-5-20250929-v1:0';
    expect(provider.resolveModel?.(arn, metadata)?.id).toBe('anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(provider.resolveModel?.('unknown.model-v1', metadata)).toBeUndefined();
    await provider.close?.();
  });
});
