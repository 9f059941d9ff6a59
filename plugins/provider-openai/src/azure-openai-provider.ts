import type { LLMProvider, ModelInfo } from '@hub/core';
import type { HttpClientOptions } from '@hub/provider-utils';
import { type AzureOpenAIConfigInput, azureOpenAIConfig } from './azure-openai-config.js';
import { chatCompletionsDeadlines } from './chat-completions-deadlines.js';
import { createChatCompletionsProvider } from './create-chat-completions-provider.js';
import { defined, type OptionalFields } from './internal/defined.js';
import { describeUnknownModel } from './internal/describe-unknown-model.js';
import { OPENAI_MODEL_CATALOG } from './openai-model-catalog.js';

/** Options of `createAzureOpenAIProvider` and `azureOpenAI()`. */
export interface AzureOpenAIProviderOptions extends OptionalFields<AzureOpenAIConfigInput> {
  /**
   * Models reported by `getMetadata`. Default: for each key of `deployments`, the OpenAI catalog
   * entry of that id (prices are OpenAI's list prices, close to Azure's global deployments), or
   * conservative defaults without prices for ids the catalog lacks.
   */
  readonly models?: readonly ModelInfo[];
  /** The undici dispatcher (proxy, custom pool, `MockAgent`). */
  readonly dispatcher?: HttpClientOptions['dispatcher'];
  /** Where `AZURE_OPENAI_*` variables are read from; `{}` ignores the environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Creates an Azure OpenAI Chat Completions provider (id `azure-openai` unless configured).
 *
 * Requests use the model id of the call (`azure-openai/gpt-4o` → `gpt-4o`) to find its
 * deployment in `deployments` (an unlisted model is used as the deployment name itself), then go
 * to `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version={apiVersion}`, or,
 * with `useV1Api`, to `{endpoint}/openai/v1/chat/completions` with the deployment as `model` (and
 * `api-version` only when given). Authentication is the `api-key` header, or
 * `Authorization: Bearer <token>` from `tokenProvider`, called before every request. Health
 * checks read `GET …/openai/models`; metadata comes from the deployments, not from the server.
 *
 * @param options - Configuration; see `azureOpenAIConfig`.
 * @returns The provider.
 * @throws ConfigError naming each invalid field.
 */
export function createAzureOpenAIProvider(options: AzureOpenAIProviderOptions = {}): LLMProvider {
  const { models, dispatcher, env, ...input } = options;
  const config = azureOpenAIConfig.validate({
    ...azureOpenAIConfig.fromEnv(env ?? process.env),
    ...defined(input),
  });
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

  const headers: Record<string, string> = { ...config.headers };
  if (config.apiKey !== undefined) headers['api-key'] = config.apiKey;
  const catalog =
    models ??
    Object.keys(deployments).map(
      (model) => OPENAI_MODEL_CATALOG.find((entry) => entry.id === model) ?? describeUnknownModel(model),
    );

  return createChatCompletionsProvider({
    providerId: config.providerId,
    displayName: 'Azure OpenAI',
    baseUrl: config.useV1Api ? `${endpoint}/openai/v1${versionQuery}` : `${endpoint}/openai${versionQuery}`,
    headers,
    ...(tokenProvider !== undefined && {
      authenticate: async (signal: AbortSignal | undefined) => ({
        authorization: `Bearer ${await tokenProvider(signal)}`,
      }),
    }),
    chatPath: config.useV1Api ? '/chat/completions' : deploymentPath,
    wireModel: deploymentOf,
    modelsPath: '/models',
    listModels: false,
    models: catalog,
    ...(apiVersion !== undefined && { apiVersion }),
    requestIdHeader: 'x-ms-client-request-id',
    ...chatCompletionsDeadlines(config),
    maxRetries: config.maxRetries,
    ...(dispatcher !== undefined && { dispatcher }),
    validateConfig: (candidate) => azureOpenAIConfig.check(candidate),
  });
}
