import type { ModelInfo } from '@hub/core';
import {
  defineHttpProvider,
  findCatalogModel,
  type HttpClientOptions,
  type HttpProvider,
} from '@hub/provider-utils';
import { type AzureOpenAIConfigInput, azureOpenAIConfig } from './azure-openai-config.js';
import { configuredDeadlines } from './configured-deadlines.js';
import { chatCompletionsSpec } from './create-chat-completions-provider.js';
import { fixedEmbeddingDimensions, OPENAI_MODEL_CATALOG } from './openai-model-catalog.js';
import { responsesCalls } from './responses-calls.js';
import { selectCompletionCalls } from './select-completion-calls.js';

/** Options of `createAzureOpenAIProvider` and `azureOpenAI()`. */
export type AzureOpenAIProviderOptions = {
  readonly [Field in keyof AzureOpenAIConfigInput]?: AzureOpenAIConfigInput[Field] | undefined;
} & {
  /**
   * Models reported by `getMetadata`. Default: for each key of `deployments`, the OpenAI catalog
   * entry of that id (prices are OpenAI's list prices, close to Azure's global deployments), or
   * conservative defaults without prices for ids the catalog lacks.
   */
  readonly models?: readonly ModelInfo[] | undefined;
  /** The undici dispatcher (proxy, custom pool, `MockAgent`). */
  readonly dispatcher?: HttpClientOptions['dispatcher'] | undefined;
  /** Where `AZURE_OPENAI_*` variables are read from; `{}` ignores the environment. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
};

const UNKNOWN_MODEL_CAPABILITIES = Object.freeze({
  streaming: true,
  tools: false,
  vision: false,
  json: false,
});

/** The catalog entry of a deployed model id, or conservative defaults without prices. */
function describeDeployedModel(model: string): ModelInfo {
  const known = findCatalogModel(model, OPENAI_MODEL_CATALOG);
  if (known === undefined)
    return { id: model, contextWindow: 8192, capabilities: UNKNOWN_MODEL_CAPABILITIES };
  // a versioned id shares its family's limits, but not necessarily its prices
  if (known.id === model) return known;
  const { pricing: _pricing, ...rest } = known;
  return { ...rest, id: model };
}

/**
 * Creates an Azure OpenAI provider (id `azure-openai` unless configured).
 *
 * Requests use the model id of the call (`azure-openai/gpt-4o` → `gpt-4o`) to find its
 * deployment in `deployments` (an unlisted model is used as the deployment name itself), then go
 * to `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version={apiVersion}`, or,
 * with `useV1Api`, to `{endpoint}/openai/v1/chat/completions` with the deployment as `model` (and
 * `api-version` only when given). Authentication is the `api-key` header, or
 * `Authorization: Bearer <token>` from `tokenProvider`, called before every request. The
 * Responses API (`api: 'responses'`, or the models served only there) goes to
 * `{endpoint}/openai/responses?api-version=…` (`/openai/v1/responses` with `useV1Api`) with the
 * deployment as `model`. Embeddings go to `…/deployments/{deployment}/embeddings` (`/openai/v1/embeddings`
 * with `useV1Api`). `probe`
 * reads `GET …/openai/models`; metadata comes from the deployments, not from the server.
 *
 * @param options - Configuration; see `azureOpenAIConfig`.
 * @returns The provider.
 * @throws ConfigError naming each invalid field.
 */
export function createAzureOpenAIProvider(options: AzureOpenAIProviderOptions = {}): HttpProvider {
  const { models, dispatcher, env, ...input } = options;
  const config = azureOpenAIConfig.resolve(input, env ?? process.env);
  const endpoint = config.endpoint.replace(/\/+$/, '');
  const { deployments, apiVersion, tokenProvider } = config;
  const deploymentOf = (model: string): string => deployments[model] ?? model;
  const versionQuery = apiVersion === undefined ? '' : `?api-version=${encodeURIComponent(apiVersion)}`;

  // each deployment's path is built once; the request path only looks it up
  const paths = new Map<string, string>();
  for (const [model, deployment] of Object.entries(deployments)) {
    paths.set(model, `/deployments/${encodeURIComponent(deployment)}/chat/completions`);
  }
  const deploymentPath = (model: string): string =>
    paths.get(model) ?? `/deployments/${encodeURIComponent(model)}/chat/completions`;

  const embeddingsPaths = new Map<string, string>();
  for (const [model, deployment] of Object.entries(deployments)) {
    embeddingsPaths.set(model, `/deployments/${encodeURIComponent(deployment)}/embeddings`);
  }
  const embeddingsPath = (model: string): string =>
    embeddingsPaths.get(model) ?? `/deployments/${encodeURIComponent(model)}/embeddings`;

  const headers: Record<string, string> = { ...config.headers };
  if (config.apiKey !== undefined) headers['api-key'] = config.apiKey;

  const { spec, transport } = chatCompletionsSpec({
    providerId: config.providerId,
    displayName: 'Azure OpenAI',
    baseUrl: config.useV1Api ? `${endpoint}/openai/v1${versionQuery}` : `${endpoint}/openai${versionQuery}`,
    headers,
    authenticate:
      tokenProvider === undefined
        ? undefined
        : async (signal) => ({ authorization: `Bearer ${await tokenProvider(signal)}` }),
    chatPath: config.useV1Api ? '/chat/completions' : deploymentPath,
    wireModel: deploymentOf,
    modelsPath: '/models',
    listModels: false,
    models: models ?? Object.keys(deployments).map(describeDeployedModel),
    apiVersion,
    requestIdHeader: 'x-ms-client-request-id',
    // Azure serves OpenAI's embedding models with OpenAI's limits, per deployment
    embeddings: {
      encoding: 'base64',
      batchSize: 2048,
      maxRequestTokens: 300_000,
      dimensionsField: 'dimensions',
      fixedDimensions: fixedEmbeddingDimensions,
      path: config.useV1Api ? '/embeddings' : embeddingsPath,
      wireModel: deploymentOf,
    },
    ...configuredDeadlines(config),
    dispatcher,
    validateConfig: (candidate) => azureOpenAIConfig.check(candidate),
  });
  // the Responses API takes the deployment as `model`, under /openai (or /openai/v1) with the version
  const responses = responsesCalls(transport, { path: '/responses', wireModel: deploymentOf });
  const completions = selectCompletionCalls(spec, responses, config.api);
  return defineHttpProvider({
    ...spec,
    sendCompletion: completions.sendCompletion,
    streamCompletion: completions.streamCompletion,
  });
}
