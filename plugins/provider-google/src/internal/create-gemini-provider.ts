import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConnectorError,
  type HealthStatus,
  type LLMProvider,
  type ModelInfo,
  type ProviderConfig,
  type ProviderMetadata,
  type StreamChunk,
  toConnectorError,
  type ValidationResult,
} from '@hub/core';
import {
  CallDeadline,
  type CallDefaults,
  callRequestOptions,
  decodeSse,
  type HttpClient,
  redactErrorSecrets,
} from '@hub/provider-utils';
import { buildGeminiRequest } from '../build-gemini-request.js';
import { decodeGeminiStream } from '../decode-gemini-stream.js';
import type { GeminiSchemaFormat } from '../gemini-schema-format.js';
import type { GeminiResponse } from '../gemini-wire-types.js';
import { mapGeminiResponse } from '../map-gemini-response.js';
import { untilAborted } from './until-aborted.js';

/** Credentials attached to one request. */
export interface GeminiGrant {
  readonly headers: Readonly<Record<string, string>>;
  /** Values to mask out of errors (a bearer token the HTTP client does not know about). */
  readonly secrets: readonly string[];
  /** Called when the API answered 401 to these headers; true when a fresh grant may succeed. */
  rejected(): boolean;
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
  /** The resource path of a model, relative to the client's base URL, without the `:method`. */
  modelPath(model: string): string;
  /** Credentials for one request; absent when the client's default headers suffice. */
  authorize?(signal: AbortSignal | undefined): Promise<GeminiGrant>;
  /** Lists the account's models; absent when the API has no usable list (Vertex AI). */
  listModels?(signal: AbortSignal | undefined, timeoutMs: number): Promise<readonly ModelInfo[]>;
  /** Makes a cheap authenticated request that fails when the API is unusable. */
  probe(grant: GeminiGrant | undefined, deadline: CallDeadline): Promise<void>;
}

interface MetadataCache {
  expiresAt: number;
  readonly loaded: Promise<ProviderMetadata>;
}

const METADATA_TTL_MS = 3_600_000;
// when the list could not be fetched, the catalog answers and the list is tried again soon
const METADATA_FALLBACK_TTL_MS = 60_000;
const PROBE_TIMEOUT_MS = 5_000;
const SLOW_HEALTH_MS = 2_000;
// characters a model id never needs and that would change the URL's meaning
const UNSAFE_MODEL_ID = /[?#%\s\\]|\.\.|:/;

function withHeaders(
  grant: GeminiGrant | undefined,
  extra: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (grant === undefined) return extra;
  return extra === undefined ? grant.headers : { ...extra, ...grant.headers };
}

/**
 * The `LLMProvider` both plugins share: one request mapping, one response mapping, one error
 * mapping; the transport supplies the URL layout and the credentials.
 */
export function createGeminiProvider(transport: GeminiTransport): LLMProvider {
  const { providerId, client } = transport;
  let metadataCache: MetadataCache | undefined;

  const modelPath = (model: string): string => {
    if (model === '' || UNSAFE_MODEL_ID.test(model)) {
      throw new ConnectorError(
        'invalid_request',
        `${providerId}: the model id contains characters a model id never has`,
        {
          providerId,
          field: 'model',
        },
      );
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

  const loadMetadata = async (): Promise<{ metadata: ProviderMetadata; ttlMs: number }> => {
    let models: readonly ModelInfo[] = transport.catalog;
    let fetched = transport.listModels === undefined;
    if (transport.listModels !== undefined) {
      try {
        models = await transport.listModels(undefined, PROBE_TIMEOUT_MS);
        fetched = true;
      } catch {
        // the catalog is a complete answer on its own; the short TTL retries the list soon
      }
    }
    return {
      metadata: {
        providerId,
        displayName: transport.displayName,
        apiVersion: transport.apiVersion,
        models,
        fetchedAt: Date.now(),
      },
      ttlMs: fetched ? METADATA_TTL_MS : METADATA_FALLBACK_TTL_MS,
    };
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

  return {
    providerId,

    async sendCompletion(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResponse> {
      const body = buildGeminiRequest(request, { providerId, schemaFormat: transport.schemaFormat });
      const path = `${modelPath(request.model)}:generateContent`;
      // the deadline covers fetching credentials too, not only the HTTP exchange after it
      const call = callRequestOptions(providerId, options, transport.deadlines);
      const { deadline } = call;
      let response: Awaited<ReturnType<typeof client.requestJson<GeminiResponse>>>;
      try {
        response = await exchange(deadline.signal, (grant) => {
          const headers = withHeaders(grant, call.headers);
          return client.requestJson<GeminiResponse>({
            method: 'POST',
            path,
            body,
            deadline,
            ...(headers !== undefined && { headers }),
          });
        });
      } finally {
        deadline.dispose();
      }
      if (typeof response.body !== 'object' || response.body === null) {
        throw new ConnectorError('parse', `${providerId}: the response is not a GenerateContentResponse`, {
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

    getMetadata(options: CallOptions = {}): Promise<ProviderMetadata> {
      const now = Date.now();
      if (metadataCache === undefined || metadataCache.expiresAt <= now) {
        // concurrent callers share one fetch; it runs on its own deadline, not one caller's signal
        const cache: MetadataCache = {
          expiresAt: Number.POSITIVE_INFINITY,
          loaded: loadMetadata().then(({ metadata, ttlMs }) => {
            cache.expiresAt = metadata.fetchedAt + ttlMs;
            return metadata;
          }),
        };
        metadataCache = cache;
      }
      return untilAborted(metadataCache.loaded, options.signal, providerId);
    },

    validateConfig: (candidate: unknown): ValidationResult => transport.config.check(candidate),

    async healthCheck(options: CallOptions = {}): Promise<HealthStatus> {
      const checkedAt = Date.now();
      const started = performance.now();
      const timeoutMs = Math.min(options.timeoutMs ?? PROBE_TIMEOUT_MS, PROBE_TIMEOUT_MS);
      // one deadline bounds the token fetch as well as the request
      const deadline = new CallDeadline(providerId, { signal: options.signal, timeoutMs });
      try {
        await exchange(deadline.signal, (grant) => transport.probe(grant, deadline));
        const latencyMs = Math.round(performance.now() - started);
        if (latencyMs > SLOW_HEALTH_MS) {
          return { status: 'degraded', latencyMs, checkedAt, message: `the probe took ${latencyMs} ms` };
        }
        return { status: 'healthy', latencyMs, checkedAt };
      } catch (error) {
        const failure = toConnectorError(error, { providerId });
        const latencyMs = Math.round(performance.now() - started);
        // answering with a rate limit or overload means the API is up but busy
        const busy = failure.code === 'rate_limit' || failure.code === 'overloaded';
        return { status: busy ? 'degraded' : 'unhealthy', latencyMs, checkedAt, message: failure.message };
      } finally {
        deadline.dispose();
      }
    },

    close(): Promise<void> {
      return client.close();
    },
  };
}
