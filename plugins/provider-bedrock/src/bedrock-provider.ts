import type { LLMProvider } from '@hub/core';
import { type CallDefaults, defineHttpProvider, mergeModelList } from '@hub/provider-utils';
import {
  BEDROCK_API_VERSION,
  BEDROCK_PROVIDER_ID,
  type BedrockOptions,
  bedrockConfig,
} from './bedrock-config.js';
import { BEDROCK_MODEL_CATALOG } from './bedrock-model-catalog.js';
import { createBedrockTokenCounter } from './create-bedrock-token-counter.js';
import { defaultBedrockEndpoint } from './default-bedrock-endpoint.js';
import { embedWithBedrock } from './embed-with-bedrock.js';
import { findBedrockModel } from './find-bedrock-model.js';
import { createBedrockTransport } from './internal/bedrock-transport.js';
import { createBedrockAuth } from './internal/create-bedrock-auth.js';
import type { CredentialProvidersLoader } from './internal/load-default-credential-provider.js';
import { listBedrockModels } from './list-bedrock-models.js';
import { listFoundationModels } from './list-foundation-models.js';
import { probeBedrock } from './probe-bedrock.js';
import { sendConverse } from './send-converse.js';
import { streamConverse } from './stream-converse.js';

/** Default of `BedrockOptions.embeddingConcurrency`. */
const DEFAULT_EMBEDDING_CONCURRENCY = 8;

/** What tests may replace besides the options; not part of the public API. */
export interface BedrockProviderInternals {
  /** The environment `fromEnv` reads; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Imports `@aws-sdk/credential-providers`; default a dynamic `import()`. */
  readonly loadCredentialProviders?: CredentialProvidersLoader;
  /** Clock of the metadata cache, in ms; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Creates the Amazon Bedrock provider (`providerId: 'aws-bedrock'`) on the provider kit
 * (`defineHttpProvider`). Options are merged over the environment (`AWS_REGION` /
 * `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, `AWS_ENDPOINT_URL_BEDROCK`,
 * `AWS_BEARER_TOKEN_BEDROCK`) and validated at once, before any I/O; explicitly passed
 * `credentials` win over an API key that merely sits in the environment.
 *
 * - Authentication: a Bedrock API key (`Authorization: Bearer …`) when `apiKey` is set, otherwise
 *   SigV4 signing with `credentials` or the standard AWS credential chain (the optional peer
 *   dependency `@aws-sdk/credential-providers`, imported on first use); credentials are cached
 *   and refreshed when less than five minutes are left.
 * - `sendCompletion` / `streamCompletion`: Converse and ConverseStream (see `sendConverse`,
 *   `streamConverse`). The model id may be a base model id, a cross-region inference profile id
 *   (`us.anthropic.…`) or an ARN.
 * - `embed`: InvokeModel with Titan Text Embeddings V2 or Cohere Embed v3 (see
 *   `embedWithBedrock`); `countTokens`: the CountTokens API (see `createBedrockTokenCounter`).
 * - `getMetadata`: the control plane's model list merged over the built-in catalog (every model
 *   also listed under its cross-region inference profile ids) through the kit's metadata cache;
 *   the catalog alone without a control-plane endpoint. `probe`: a signed ListAsyncInvokes on the
 *   runtime host (see `probeBedrock`).
 * - Failures are `ConnectorError`s classified by `mapBedrockError`; no credential, token or
 *   signature ever appears in one.
 *
 * @param options - Region, credentials or API key, endpoints, default deadlines.
 * @returns The provider; call `close()` to release its connections.
 * @throws ConfigError naming each invalid field (`region` missing, `endpoint` not http(s), …).
 */
export function createBedrockProvider(
  options: BedrockOptions = {},
  internals: BedrockProviderInternals = {},
): LLMProvider {
  const environment = internals.env ?? process.env;
  const config = bedrockConfig.resolve(
    options,
    // explicitly passed AWS credentials win over an API key that merely sits in the environment
    options?.credentials === undefined
      ? environment
      : { ...environment, AWS_BEARER_TOKEN_BEDROCK: undefined },
  );
  const authFor = createBedrockAuth(
    config,
    internals.loadCredentialProviders === undefined
      ? {}
      : { loadCredentialProviders: internals.loadCredentialProviders },
  );
  const defaults: CallDefaults = {
    timeoutMs: config.timeoutMs,
    firstByteTimeoutMs: config.firstByteTimeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
  };
  const runtimeEndpoint = new URL(config.endpoint ?? defaultBedrockEndpoint(config.region as string));
  const runtime = createBedrockTransport(runtimeEndpoint, authFor(runtimeEndpoint), defaults);
  // a custom runtime endpoint without a control-plane one of its own: the public host is not guessed
  const controlPlaneUrl =
    config.controlPlaneEndpoint ??
    (config.endpoint === undefined && config.region !== undefined
      ? defaultBedrockEndpoint(config.region, 'bedrock')
      : undefined);
  const controlPlaneEndpoint = controlPlaneUrl === undefined ? undefined : new URL(controlPlaneUrl);
  const controlPlane =
    controlPlaneEndpoint === undefined
      ? undefined
      : createBedrockTransport(controlPlaneEndpoint, authFor(controlPlaneEndpoint), defaults);
  const embedding = { concurrency: config.embeddingConcurrency ?? DEFAULT_EMBEDDING_CONCURRENCY };

  return defineHttpProvider({
    providerId: BEDROCK_PROVIDER_ID,
    displayName: 'Amazon Bedrock',
    apiVersion: BEDROCK_API_VERSION,
    catalog: listBedrockModels(BEDROCK_MODEL_CATALOG),
    ...(internals.now !== undefined && { now: internals.now }),
    ...(controlPlane !== undefined && {
      listModels: (callOptions) => listFoundationModels(controlPlane, callOptions),
      // versioned ids and profile ids find their base model's entry
      mergeModels: (catalog, listed) =>
        mergeModelList(catalog, listed, { find: (id, models) => findBedrockModel(id, models) }),
    }),
    sendCompletion: (request, callOptions) => sendConverse(runtime, request, callOptions),
    streamCompletion: (request, callOptions) => streamConverse(runtime, request, callOptions),
    embed: (request, callOptions = {}) => embedWithBedrock(runtime, request, callOptions, embedding),
    countTokens: createBedrockTokenCounter(runtime),
    // ARNs and regional inference profiles (`jp.`, `us-gov.` …) map to their base model's entry
    resolveModel: (model, metadata) => findBedrockModel(model, metadata.models),
    validateConfig: (candidate) => bedrockConfig.check(candidate),
    probe: (callOptions) => probeBedrock(runtime, callOptions),
    close: async () => {
      await Promise.all([runtime.close(), controlPlane?.close()]);
    },
  });
}
