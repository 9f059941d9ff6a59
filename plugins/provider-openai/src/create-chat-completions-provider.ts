import { type CallOptions, ConfigError, type ConfigIssue, type ValidationResult } from '@hub/core';
import {
  defineHttpProvider,
  type HttpProvider,
  type HttpProviderSpec,
  type ListedModel,
} from '@hub/provider-utils';
import { chatCompletionsCalls } from './chat-completions-calls.js';
import type { ChatCompletionsProviderOptions } from './chat-completions-provider-options.js';
import { embeddingsCall } from './embeddings-call.js';
import { createOpenAITransport, type OpenAITransport } from './openai-transport.js';
import type { OpenAIModelList } from './openai-wire-types.js';

// a model may think for minutes before its first token; ten minutes of silence is a stall
const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 600_000;
const DEFAULT_IDLE_TIMEOUT_MS = 600_000;
const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;

const acceptAll = (): ValidationResult => ({ ok: true });

function checkOptions(options: ChatCompletionsProviderOptions): void {
  const issues: ConfigIssue[] = [];
  if (typeof options.providerId !== 'string' || !PROVIDER_ID.test(options.providerId)) {
    issues.push({ path: 'providerId', message: 'must match [a-z0-9][a-z0-9._-]* (for example "openai")' });
  }
  for (const field of ['timeoutMs', 'firstByteTimeoutMs', 'idleTimeoutMs'] as const) {
    const value = options[field];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      issues.push({ path: field, message: 'must be a non-negative integer of milliseconds (0 disables it)' });
    }
  }
  const embeddings = options.embeddings;
  if (embeddings !== undefined) {
    if (!(Number.isInteger(embeddings.batchSize) && embeddings.batchSize > 0)) {
      issues.push({ path: 'embeddings.batchSize', message: 'must be a positive integer' });
    }
    const concurrency = embeddings.concurrency;
    if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
      issues.push({ path: 'embeddings.concurrency', message: 'must be a positive integer' });
    }
  }
  if (issues.length > 0) throw ConfigError.fromIssues('Chat Completions provider options', issues);
}

/** The parts of an OpenAI-style provider: its transport, and the kit spec built on it. */
export interface ChatCompletionsSpec {
  readonly transport: OpenAITransport;
  readonly spec: HttpProviderSpec;
}

/**
 * The kit spec of a Chat Completions server, for factories that add operations to it (the OpenAI
 * provider adds the Responses API, embeddings and token counts) before `defineHttpProvider`.
 *
 * @throws ConfigError naming the invalid option.
 */
export function chatCompletionsSpec(options: ChatCompletionsProviderOptions): ChatCompletionsSpec {
  checkOptions(options);
  const { providerId } = options;
  const transport = createOpenAITransport({
    providerId,
    baseUrl: options.baseUrl,
    headers: options.headers,
    authenticate: options.authenticate,
    dispatcher: options.dispatcher,
    statusOverrides: options.statusOverrides,
    callDefaults: {
      timeoutMs: options.timeoutMs,
      firstByteTimeoutMs: options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      requestIdHeader: options.requestIdHeader,
    },
  });
  const calls = chatCompletionsCalls(transport, {
    chatPath: options.chatPath ?? '/chat/completions',
    wireModel: options.wireModel,
    quirks: options.quirks ?? {},
  });
  const modelsPath = options.modelsPath ?? '/models';
  const include = options.includeListedModel;

  const readModelList = async (callOptions: CallOptions): Promise<ListedModel[]> => {
    const { body } = await transport.callJson<OpenAIModelList>('GET', modelsPath, undefined, callOptions);
    const ids: string[] = [];
    for (const entry of body?.data ?? []) {
      const id = entry?.id;
      if (typeof id === 'string' && id !== '' && (include === undefined || include(id))) ids.push(id);
    }
    return ids;
  };

  const spec: HttpProviderSpec = {
    providerId,
    displayName: options.displayName ?? providerId,
    ...(options.apiVersion !== undefined && { apiVersion: options.apiVersion }),
    catalog: options.models ?? [],
    ...(options.listModels !== false && { listModels: readModelList }),
    // the model list is the cheapest authenticated call, also where metadata does not read it
    probe: async (callOptions) => {
      await readModelList(callOptions);
    },
    sendCompletion: calls.sendCompletion,
    streamCompletion: calls.streamCompletion,
    ...(options.embeddings !== undefined && { embed: embeddingsCall(transport, options.embeddings) }),
    validateConfig: options.validateConfig ?? acceptAll,
    close: () => transport.close(),
  };
  return { transport, spec };
}

/**
 * Creates an `LLMProvider` for any server speaking OpenAI's Chat Completions API, on the
 * provider kit (`defineHttpProvider`): requests mapped to the wire body once, responses and
 * server-sent event streams mapped back, errors through `mapOpenAIError`, metadata from the
 * catalog merged with `GET /models` under the kit's one metadata policy, `probe` reading the
 * model list. Servers that differ from OpenAI are described with `quirks` rather than copied
 * code. Options are checked at once; nothing touches the network until the first call.
 *
 * Not part of the public API of `@hub/provider-openai`: `@hub/provider-openai-compatible` builds
 * its presets on it (import it from `@hub/provider-openai/internal`).
 *
 * @param options - Server, credentials, catalog and quirks.
 * @returns The provider; `close()` releases its connections.
 * @throws ConfigError naming the invalid option (`providerId`, `baseUrl`, `timeoutMs`, …).
 */
export function createChatCompletionsProvider(options: ChatCompletionsProviderOptions): HttpProvider {
  return defineHttpProvider(chatCompletionsSpec(options).spec);
}
