// Type tests, checked by `tsc` (`pnpm typecheck`): the provider's shape against the AI SDK's
// specification types and functions.
import type {
  EmbeddingModelV3,
  LanguageModelV3,
  LanguageModelV3StreamPart,
  ProviderV3,
  SharedV3ProviderOptions,
} from '@ai-sdk/provider';
import type { Hub } from '@hub/core';
import { createProviderRegistry, customProvider, type EmbeddingModel, type LanguageModel } from 'ai';
import { expectTypeOf } from 'vitest';
import { createHubProvider } from './create-hub-provider.js';
import type { HubEmbeddingProviderOptions, HubProviderOptions } from './hub-provider-options.js';
import type { HubResponseMetadata } from './hub-response-metadata.js';
import { StreamPartMapper } from './stream-part-mapper.js';

declare const hub: Hub;
const provider = createHubProvider(hub);

// a ProviderV3, usable wherever the AI SDK takes one
expectTypeOf(provider).toMatchTypeOf<ProviderV3>();
createProviderRegistry({ hub: provider });
customProvider({ fallbackProvider: provider });

// callable, and every model is of the specification version AI SDK 6 runs
expectTypeOf(provider('default')).toEqualTypeOf<LanguageModelV3>();
expectTypeOf(provider.languageModel('default')).toEqualTypeOf<LanguageModelV3>();
expectTypeOf(provider.embeddingModel('embeddings')).toEqualTypeOf<EmbeddingModelV3>();
expectTypeOf(provider.textEmbeddingModel('embeddings')).toEqualTypeOf<EmbeddingModelV3>();
expectTypeOf(provider('default')).toMatchTypeOf<LanguageModel>();
expectTypeOf(provider.embeddingModel('embeddings')).toMatchTypeOf<EmbeddingModel>();
expectTypeOf(provider.imageModel).returns.toMatchTypeOf<object>();

// per-call options fit `providerOptions` as values, not only as literals
declare const options: HubProviderOptions;
declare const embeddingOptions: HubEmbeddingProviderOptions;
expectTypeOf({ hub: options }).toMatchTypeOf<SharedV3ProviderOptions>();
expectTypeOf({ hub: embeddingOptions }).toMatchTypeOf<SharedV3ProviderOptions>();
// @ts-expect-error unknown option keys are type errors too
const typo: HubProviderOptions = { modle: 'default' };
void typo;

// response metadata is readable as the documented shape
expectTypeOf<HubResponseMetadata['cost']>().toEqualTypeOf<
  { readonly inputUsd: number; readonly outputUsd: number; readonly totalUsd: number } | undefined
>();

// the mapper produces specification stream parts
expectTypeOf(new StreamPartMapper().push).parameter(1).toEqualTypeOf<LanguageModelV3StreamPart[]>();
