import { type CallOptions, ConnectorError, type EmbeddingRequest, type EmbeddingResponse } from '@hub/core';
import { assertNestingDepth } from '@hub/provider-utils';
import { decodeFloat32Base64 } from './decode-float32-base64.js';
import type { EmbeddingsOptions } from './embeddings-options.js';
import type { OpenAIEmbeddingsResponse } from './embeddings-wire-types.js';
import type { OpenAITransport } from './openai-transport.js';

const DEFAULT_CONCURRENCY = 4;
const EMPTY_CALL_OPTIONS: CallOptions = Object.freeze({});

/** One request's share of the inputs: `inputs.slice(start, end)`. */
interface Batch {
  readonly start: number;
  readonly end: number;
}

// Splits the inputs in order: at most `batchSize` per request and, when given, at most
// `maxRequestTokens` estimated tokens (UTF-8 bytes / 3: never fewer than the real count for
// English or CJK text). One pass, linear in the inputs' size.
function splitBatches(inputs: readonly string[], options: EmbeddingsOptions): Batch[] {
  const batches: Batch[] = [];
  const maxTokens = options.maxRequestTokens;
  let start = 0;
  let tokens = 0;
  for (let index = 0; index < inputs.length; index++) {
    const estimate = maxTokens === undefined ? 0 : Math.ceil(Buffer.byteLength(inputs[index]!) / 3);
    const full = index - start === options.batchSize;
    const heavy = maxTokens !== undefined && index > start && tokens + estimate > maxTokens;
    if (full || heavy) {
      batches.push({ start, end: index });
      start = index;
      tokens = 0;
    }
    tokens += estimate;
  }
  if (start < inputs.length) batches.push({ start, end: inputs.length });
  return batches;
}

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
    const batches = splitBatches(inputs, options);
    const vectors: Float32Array[] = new Array(inputs.length);

    // one deadline for the whole call; a failed batch aborts it, cancelling the others
    const failed = new AbortController();
    const signal =
      callOptions.signal === undefined ? failed.signal : AbortSignal.any([callOptions.signal, failed.signal]);
    const whole = transport.start({
      signal,
      firstByteTimeoutMs: 0,
      idleTimeoutMs: 0,
      ...(callOptions.timeoutMs !== undefined && { timeoutMs: callOptions.timeoutMs }),
    });
    let inputTokens = 0;
    let answeredModel: string | undefined;

    const send = async (batch: Batch): Promise<void> => {
      const body = { ...base, input: inputs.slice(batch.start, batch.end), ...params };
      // each request: the call's headers, request id and first-byte / idle limits, the whole deadline's signal
      const call = transport.start({
        ...callOptions,
        signal: whole.deadline.signal ?? signal,
        timeoutMs: 0,
      });
      let answer: OpenAIEmbeddingsResponse;
      try {
        ({ body: answer } = await transport.requestJson<OpenAIEmbeddingsResponse>('POST', path, body, call));
      } finally {
        call.deadline.dispose();
      }
      const count = batch.end - batch.start;
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
      for (let position = 0; position < data.length; position++) {
        const item = data[position]!;
        const index = typeof item.index === 'number' ? item.index : position;
        const vector =
          typeof item.embedding === 'string'
            ? decodeFloat32Base64(item.embedding)
            : Array.isArray(item.embedding)
              ? Float32Array.from(item.embedding)
              : undefined;
        if (
          vector === undefined ||
          index < 0 ||
          index >= count ||
          vectors[batch.start + index] !== undefined
        ) {
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
        vectors[batch.start + index] = vector;
      }
      inputTokens += answer.usage?.prompt_tokens ?? 0;
      answeredModel ??= answer.model;
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length && !failed.signal.aborted) await send(batches[next++]!);
    };
    const workers: Promise<void>[] = [];
    for (let index = 0; index < Math.min(concurrency, batches.length); index++) {
      workers.push(
        worker().catch((error: unknown) => {
          // the first failure is the call's; the batches it cancels fail with it
          if (!failed.signal.aborted) failed.abort(error);
          throw error;
        }),
      );
    }
    try {
      const settled = await Promise.allSettled(workers);
      if (failed.signal.aborted) throw failed.signal.reason;
      const rejected = settled.find((outcome) => outcome.status === 'rejected');
      if (rejected !== undefined) throw (rejected as PromiseRejectedResult).reason;
    } finally {
      whole.deadline.dispose();
    }
    return {
      provider: providerId,
      model: answeredModel ?? request.model,
      embeddings: vectors,
      usage: { inputTokens },
    };
  };
}
