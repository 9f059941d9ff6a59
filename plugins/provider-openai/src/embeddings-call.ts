import { type CallOptions, ConnectorError, type EmbeddingRequest, type EmbeddingResponse } from '@hub/core';
import {
  assertNestingDepth,
  type CallRequestOptions,
  decodeFloat32Base64,
  type EmbeddedBatches,
  type EmbeddingBatch,
  embedInBatches,
  estimateUtf8Tokens,
  splitIntoBatches,
} from '@hub/provider-utils';
import type { EmbeddingsOptions } from './embeddings-options.js';
import type { OpenAIEmbeddingsResponse } from './embeddings-wire-types.js';
import type { OpenAITransport } from './openai-transport.js';

const DEFAULT_CONCURRENCY = 4;
const EMPTY_CALL_OPTIONS: CallOptions = Object.freeze({});

/**
 * The `embed` operation of an OpenAI-style server: the inputs split into batches in order (at
 * most `batchSize` inputs and `maxRequestTokens` estimated tokens each), sent with at most
 * `concurrency` requests in flight, and the vectors put back in input order by each item's
 * `index`. Vectors arrive as base64 float32 (decoded straight into `Float32Array`s) or as number
 * arrays, per `encoding`.
 *
 * The whole call shares one deadline (`timeoutMs`, the signal); each request has its own
 * first-byte and idle limits and carries the call's headers and request id. The first failing
 * batch fails the call with its classified error and cancels the others (never a partial
 * result).
 *
 * @throws ConnectorError `unsupported` (before any I/O) when `dimensions` is asked of a server or
 *   model that cannot shorten vectors, or when the answer's vectors have another length; `parse`
 *   when an answer lacks a vector; else as `sendCompletion`.
 */
export function embeddingsCall(
  transport: OpenAITransport,
  options: EmbeddingsOptions,
): (request: EmbeddingRequest, callOptions?: CallOptions) => Promise<EmbeddingResponse> {
  const { providerId } = transport;
  const pathOption = options.path ?? '/embeddings';
  const pathFor = typeof pathOption === 'string' ? () => pathOption : pathOption;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const sendUser = options.sendUser ?? true;

  // the requested length as the server takes it; undefined: not sent
  const dimensionsFor = (request: EmbeddingRequest): number | undefined => {
    const { dimensions, model } = request;
    if (dimensions === undefined) return undefined;
    const fixed = options.fixedDimensions?.(model);
    // a model of that very length needs no shortening, and some reject the field
    if (fixed === dimensions) return undefined;
    if (options.dimensionsField === false || fixed !== undefined) {
      throw new ConnectorError(
        'unsupported',
        fixed === undefined
          ? 'This server cannot shorten embeddings: leave out dimensions.'
          : `${model} produces ${fixed}-dimensional vectors only: leave out dimensions.`,
        { providerId, model, field: 'dimensions' },
      );
    }
    return dimensions;
  };

  return async (request, callOptions = EMPTY_CALL_OPTIONS) => {
    const inputs = typeof request.input === 'string' ? [request.input] : request.input;
    const dimensions = dimensionsFor(request);
    const params = request.providerParams?.[providerId];
    if (params !== undefined) assertNestingDepth(params, `providerParams.${providerId}`, providerId);
    const base: Record<string, unknown> = {
      model: options.wireModel === undefined ? request.model : options.wireModel(request.model),
      // float is every server's default; servers without the field never see it
      ...(options.encoding === 'base64' && { encoding_format: 'base64' }),
      ...(dimensions !== undefined && { [options.dimensionsField as string]: dimensions }),
      ...(sendUser && request.user !== undefined && { user: request.user }),
    };
    const path = pathFor(request.model);
    // at most `batchSize` inputs and, when given, `maxRequestTokens` estimated tokens a request
    const batches = splitIntoBatches(inputs, {
      maxInputs: options.batchSize,
      ...(options.maxRequestTokens !== undefined && {
        maxTokens: options.maxRequestTokens,
        estimateTokens: estimateUtf8Tokens,
      }),
    });
    let answeredModel: string | undefined;

    const send = async (batch: string[], call: CallRequestOptions): Promise<EmbeddingBatch> => {
      const body = { ...base, input: batch, ...params };
      const { body: answer } = await transport.requestJson<OpenAIEmbeddingsResponse>(
        'POST',
        path,
        body,
        call,
      );
      const count = batch.length;
      const data = answer?.data;
      if (!Array.isArray(data) || data.length !== count) {
        throw new ConnectorError(
          'parse',
          `The answer holds ${data?.length ?? 0} vectors for ${count} inputs.`,
          {
            providerId,
            model: request.model,
          },
        );
      }
      // the items may come in any order: each names its input by `index`
      const vectors: Float32Array[] = new Array(count);
      for (let position = 0; position < data.length; position++) {
        const item = data[position]!;
        const index = typeof item.index === 'number' ? item.index : position;
        const vector =
          typeof item.embedding === 'string'
            ? decodeFloat32Base64(item.embedding)
            : Array.isArray(item.embedding)
              ? Float32Array.from(item.embedding)
              : undefined;
        if (vector === undefined || index < 0 || index >= count || vectors[index] !== undefined) {
          throw new ConnectorError('parse', `Embedding ${index} of the answer is missing or malformed.`, {
            providerId,
            model: request.model,
          });
        }
        if (request.dimensions !== undefined && vector.length !== request.dimensions) {
          throw new ConnectorError(
            'unsupported',
            `The server answered ${vector.length}-dimensional vectors, not the ${request.dimensions} asked for.`,
            { providerId, model: request.model, field: 'dimensions' },
          );
        }
        vectors[index] = vector;
      }
      answeredModel ??= answer.model;
      return { embeddings: vectors, inputTokens: answer.usage?.prompt_tokens ?? 0 };
    };

    // one deadline for the whole call; each request its own first-byte and idle limits, the
    // call's headers and request id; a failed batch cancels the others
    const call = transport.start(callOptions);
    let embedded: EmbeddedBatches;
    try {
      embedded = await embedInBatches(batches, {
        call,
        concurrency,
        origin: { providerId, model: request.model },
        send,
      });
    } finally {
      call.deadline.dispose();
    }
    return {
      provider: providerId,
      model: answeredModel ?? request.model,
      embeddings: embedded.embeddings,
      usage: { inputTokens: embedded.inputTokens },
    };
  };
}
