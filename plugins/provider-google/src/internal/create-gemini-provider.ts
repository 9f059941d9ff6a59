import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConnectorError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type ModelInfo,
  type ProviderConfig,
  type StreamChunk,
  type TokenCount,
  toConnectorError,
} from '@hub/core';
import {
  type CallDeadline,
  type CallDefaults,
  callRequestOptions,
  decodeSse,
  defineHttpProvider,
  embedInBatches,
  findCatalogModel,
  type HttpClient,
  type HttpJsonResponse,
  type HttpMethod,
  type HttpProvider,
  type ListedModel,
  redactErrorSecrets,
} from '@hub/provider-utils';
import { buildGeminiRequest } from '../build-gemini-request.js';
import { decodeGeminiStream } from '../decode-gemini-stream.js';
import type { GeminiCountTokensResponse } from '../gemini-embedding-wire-types.js';
import type { GeminiSchemaFormat } from '../gemini-schema-format.js';
import type { GeminiRequest, GeminiResponse } from '../gemini-wire-types.js';
import { mapGeminiResponse } from '../map-gemini-response.js';
import type { EmbeddingWire } from './embedding-wire.js';

/** Credentials attached to one request. */
export interface GeminiGrant {
  readonly headers: Readonly<Record<string, string>>;
  /** Values to mask out of errors (a bearer token the HTTP client does not know about). */
  readonly secrets: readonly string[];
  /** Called when the API answered 401 to these headers; true when a fresh grant may succeed. */
  rejected(): boolean;
}

/** One HTTP request, relative to the client's base URL. */
export interface GeminiCall {
  readonly method: HttpMethod;
  readonly path: string;
  readonly body?: unknown;
}

/** What differs between the Gemini API and Vertex AI. */
export interface GeminiTransport {
  readonly providerId: string;
  readonly displayName: string;
  readonly apiVersion: string;
  readonly client: HttpClient;
  readonly config: ProviderConfig<unknown>;
  readonly schemaFormat: GeminiSchemaFormat;
  /** The configured default deadlines (`timeoutMs`, `firstByteTimeoutMs`, `idleTimeoutMs`). */
  readonly deadlines: CallDefaults;
  readonly catalog: readonly ModelInfo[];
  /** How this API embeds: batch limits, requests, responses. */
  readonly embedding: EmbeddingWire;
  /** Most embedding requests of one call in flight at once. */
  readonly embeddingConcurrency: number;
  /** The resource path of a model, relative to the client's base URL, without the `:method`. */
  modelPath(model: string): string;
  /** The `:countTokens` body counting what `generateContent` would send as `body`. */
  countTokensBody(body: GeminiRequest, modelPath: string): unknown;
  /** The cheap request that proves the API answers with these credentials. */
  probeCall(modelPath: (model: string) => string): GeminiCall;
  /** Credentials for one request; absent when the client's default headers suffice. */
  authorize?(signal: AbortSignal | undefined): Promise<GeminiGrant>;
  /** Lists the account's models (every page); absent when the API has no usable list (Vertex AI). */
  listModels?(options: CallOptions): Promise<readonly ListedModel[]>;
}

// characters a model id never needs and that would change the URL's meaning
const UNSAFE_MODEL_ID = /[?#%\s\\]|\.\.|:/;
// what a model id may be prefixed with in requests, beyond the catalog's bare ids
const RESOURCE_PREFIX = /^(?:models\/|publishers\/google\/models\/)/;

function withHeaders(
  grant: GeminiGrant | undefined,
  extra: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (grant === undefined) return extra;
  return extra === undefined ? grant.headers : { ...extra, ...grant.headers };
}

function inputsOf(request: EmbeddingRequest): readonly string[] {
  return typeof request.input === 'string' ? [request.input] : request.input;
}

/**
 * The provider both plugins share, built with the kit's `defineHttpProvider`: one request mapping,
 * one response mapping, one error mapping, one way to embed and count; the transport supplies the
 * URL layout, the credentials, the model list and the embedding wire format. Metadata caching and
 * fallback, and merging the model list over the catalog, are the kit's.
 */
export function createGeminiProvider(transport: GeminiTransport): HttpProvider {
  const { providerId, client } = transport;

  const modelPath = (model: string): string => {
    if (model === '' || UNSAFE_MODEL_ID.test(model)) {
      throw new ConnectorError('invalid_request', 'The model id contains characters a model id never has.', {
        providerId,
        field: 'model',
      });
    }
    return transport.modelPath(model);
  };

  /**
   * Runs one HTTP exchange with credentials, retrying once with fresh credentials when the API
   * answers 401 to a cached token (revoked or expired early). Errors are stripped of the
   * grant's secrets.
   */
  const exchange = async <T>(
    signal: AbortSignal | undefined,
    send: (grant: GeminiGrant | undefined) => Promise<T>,
  ): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const grant = await transport.authorize?.(signal);
      try {
        return await send(grant);
      } catch (error) {
        const failure = toConnectorError(error, { providerId });
        const unauthorized = failure.status === 401 && grant !== undefined;
        if (unauthorized && attempt === 1 && grant.rejected()) continue;
        throw grant === undefined ? failure : redactErrorSecrets(failure, grant.secrets);
      }
    }
  };

  /** One JSON exchange under an already running deadline. */
  const sendJson = <T>(
    call: GeminiCall,
    deadline: CallDeadline,
    headers: Readonly<Record<string, string>> | undefined,
  ): Promise<HttpJsonResponse<T>> =>
    exchange(deadline.signal, (grant) => {
      const merged = withHeaders(grant, headers);
      return client.requestJson<T>({
        method: call.method,
        path: call.path,
        ...(call.body !== undefined && { body: call.body }),
        deadline,
        ...(merged !== undefined && { headers: merged }),
      });
    });

  /** One JSON exchange under the deadlines, headers and signal of `options`. */
  const callJson = async <T>(call: GeminiCall, options: CallOptions): Promise<HttpJsonResponse<T>> => {
    // the deadline covers fetching credentials too, not only the HTTP exchange after it
    const request = callRequestOptions(providerId, options, transport.deadlines);
    try {
      return await sendJson<T>(call, request.deadline, request.headers);
    } finally {
      request.deadline.dispose();
    }
  };

  async function* stream(request: CompletionRequest, options: CallOptions): AsyncGenerator<StreamChunk> {
    const body = buildGeminiRequest(request, { providerId, schemaFormat: transport.schemaFormat });
    const path = `${modelPath(request.model)}:streamGenerateContent?alt=sse`;
    // one deadline covers fetching credentials, the exchange and the whole stream
    const call = callRequestOptions(providerId, options, transport.deadlines);
    const { deadline } = call;
    let secrets: readonly string[] = [];
    try {
      const response = await exchange(deadline.signal, (grant) => {
        secrets = grant?.secrets ?? [];
        const headers = withHeaders(grant, call.headers);
        return client.requestStream({
          method: 'POST',
          path,
          body,
          deadline,
          ...(headers !== undefined && { headers }),
        });
      });
      yield* decodeGeminiStream(decodeSse(response.body, { providerId }), {
        providerId,
        model: request.model,
      });
    } catch (error) {
      const failure = toConnectorError(error, { providerId, model: request.model });
      throw secrets.length === 0 ? failure : redactErrorSecrets(failure, secrets);
    } finally {
      deadline.dispose();
    }
  }

  const countTokens = async (request: CompletionRequest, options: CallOptions = {}): Promise<TokenCount> => {
    const body = buildGeminiRequest(request, { providerId, schemaFormat: transport.schemaFormat });
    const path = modelPath(request.model);
    const response = await callJson<GeminiCountTokensResponse>(
      { method: 'POST', path: `${path}:countTokens`, body: transport.countTokensBody(body, path) },
      options,
    );
    const total = response.body?.totalTokens;
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
      throw new ConnectorError('parse', 'The countTokens response has no totalTokens.', {
        providerId,
        model: request.model,
        status: response.status,
      });
    }
    return { inputTokens: total, exact: true, provider: providerId, model: request.model };
  };

  /** Rejects `dimensions` the catalog says the model cannot produce, before any I/O. */
  const checkDimensions = (request: EmbeddingRequest): void => {
    const dimensions = request.dimensions;
    const known = findCatalogModel(request.model.replace(RESOURCE_PREFIX, ''), transport.catalog)?.embedding;
    if (dimensions === undefined || known === undefined) return;
    const fits =
      known.flexibleDimensions === true ? dimensions <= known.dimensions : dimensions === known.dimensions;
    if (fits) return;
    const allowed =
      known.flexibleDimensions === true ? `at most ${known.dimensions}` : `exactly ${known.dimensions}`;
    throw new ConnectorError(
      'invalid_request',
      `Invalid request: dimensions must be ${allowed} for ${request.model} (got ${dimensions}).`,
      { providerId, model: request.model, field: 'dimensions' },
    );
  };

  const embed = async (request: EmbeddingRequest, options: CallOptions = {}): Promise<EmbeddingResponse> => {
    checkDimensions(request);
    const path = modelPath(request.model);
    const inputs = inputsOf(request);
    const batches = transport.embedding.batches(request.model, inputs);
    const extra = request.providerParams?.[providerId];
    const origin = { providerId, model: request.model };
    // the whole call's deadline (timeoutMs) and the caller's signal; each request gets its own
    // first-byte and idle limits, since requests in flight together cannot share those timers
    const call = callRequestOptions(providerId, options, transport.deadlines);
    try {
      const { embeddings, inputTokens } = await embedInBatches(batches, {
        call,
        concurrency: transport.embeddingConcurrency,
        origin,
        send: async (batch, batchCall) => {
          const wire = transport.embedding.request(batch, { request, modelPath: path, extra });
          const response = await sendJson<unknown>(
            { method: 'POST', path: `${path}:${wire.method}`, body: wire.body },
            batchCall.deadline,
            batchCall.headers,
          );
          return transport.embedding.read(response.body, batch, origin);
        },
      });
      return { provider: providerId, model: request.model, embeddings, usage: { inputTokens } };
    } catch (error) {
      throw toConnectorError(error, origin);
    } finally {
      call.deadline.dispose();
    }
  };

  return defineHttpProvider({
    providerId,
    displayName: transport.displayName,
    apiVersion: transport.apiVersion,
    catalog: transport.catalog,
    ...(transport.listModels !== undefined && { listModels: transport.listModels }),

    async sendCompletion(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResponse> {
      const body = buildGeminiRequest(request, { providerId, schemaFormat: transport.schemaFormat });
      const path = `${modelPath(request.model)}:generateContent`;
      const response = await callJson<GeminiResponse>({ method: 'POST', path, body }, options);
      if (typeof response.body !== 'object' || response.body === null) {
        throw new ConnectorError('parse', 'The response is not a GenerateContentResponse.', {
          providerId,
          model: request.model,
          status: response.status,
        });
      }
      return mapGeminiResponse(response.body, { providerId, model: request.model });
    },

    streamCompletion(request: CompletionRequest, options: CallOptions = {}): AsyncIterable<StreamChunk> {
      // a generator sends nothing until the first `next()`, as the contract requires
      return stream(request, options);
    },

    embed,
    countTokens,

    resolveModel: (model, metadata) => findCatalogModel(model.replace(RESOURCE_PREFIX, ''), metadata.models),

    validateConfig: (candidate) => transport.config.check(candidate),

    async probe(options: CallOptions): Promise<void> {
      // the hub owns the time budget and the verdict; this only asks something cheap
      await callJson(transport.probeCall(modelPath), options);
    },

    close: () => client.close(),
  });
}
