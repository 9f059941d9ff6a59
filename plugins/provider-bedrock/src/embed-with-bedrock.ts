import {
  type CallOptions,
  ConnectorError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  throwIfAborted,
} from '@hub/core';
import { assertNestingDepth, embedInBatches, splitIntoBatches } from '@hub/provider-utils';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import { invalidEmbeddingRequest } from './embedding-family.js';
import { findEmbeddingFamily } from './find-embedding-family.js';
import type { BedrockTransport } from './internal/bedrock-transport.js';
import { modelPath } from './model-path.js';
import { serializeRequestBody } from './serialize-request-body.js';

/** How `embedWithBedrock` spreads a request over InvokeModel calls. */
export interface EmbedWithBedrockOptions {
  /** Most InvokeModel requests of one call in flight at once. */
  readonly concurrency: number;
}

/**
 * Embeds every input through InvokeModel (`POST /model/{modelId}/invoke`) with the model's own
 * wire format (see `findEmbeddingFamily`): the inputs are split at the family's batch limit
 * (Titan one text per request, Cohere 96), the batches sent at most `concurrency` at a time and
 * the vectors reassembled in input order, as `Float32Array`s, with the input tokens summed.
 *
 * Everything is checked before any I/O: the model (`unsupported` for one without a known
 * embedding format), `dimensions` (Titan V2 1,024 / 512 / 256, Cohere 1,024), each text's length
 * (`input.N` longer than the family's limit) and `providerParams`. One failed batch fails the
 * whole call with its classified error (a 429 `ThrottlingException` is `rate_limit`, a 5xx
 * `provider`) and aborts the batches still in flight, closing their connections; so does the
 * caller's signal or the call's `timeoutMs`. `firstByteTimeoutMs` and `idleTimeoutMs` apply to
 * each request.
 */
export async function embedWithBedrock(
  runtime: BedrockTransport,
  request: EmbeddingRequest,
  options: CallOptions,
  settings: EmbedWithBedrockOptions,
): Promise<EmbeddingResponse> {
  const { model } = request;
  const family = findEmbeddingFamily(model);
  if (family === undefined) {
    throw new ConnectorError(
      'unsupported',
      `Model "${model}" has no embedding format this provider speaks (Amazon Titan Text Embeddings V2, Cohere Embed v3).`,
      { providerId: BEDROCK_PROVIDER_ID, model, field: 'model' },
    );
  }
  const texts = typeof request.input === 'string' ? [request.input] : request.input;
  family.validate(request);
  for (let index = 0; index < texts.length; index++) {
    const length = (texts[index] as string).length;
    if (length > family.maxInputCharacters) {
      const field = typeof request.input === 'string' ? 'input' : `input.${index}`;
      throw invalidEmbeddingRequest(
        field,
        `holds ${length} characters, more than the ${family.maxInputCharacters} this model takes`,
        model,
      );
    }
  }
  const extra = request.providerParams?.[BEDROCK_PROVIDER_ID];
  if (extra !== undefined)
    assertNestingDepth(extra, `providerParams.${BEDROCK_PROVIDER_ID}`, BEDROCK_PROVIDER_ID);
  throwIfAborted(options.signal, { providerId: BEDROCK_PROVIDER_ID, model });

  const path = modelPath(model, 'invoke');
  // the whole-call limit and the caller's signal span every batch; each request gets its own
  // first-byte and idle limits
  const call = runtime.startCall(options);
  try {
    const { embeddings, inputTokens } = await embedInBatches(
      splitIntoBatches(texts, { maxInputs: family.batchSize }),
      {
        call,
        concurrency: settings.concurrency,
        origin: { providerId: BEDROCK_PROVIDER_ID, model },
        send: async (slice, batchCall) => {
          const body = serializeRequestBody(family.body(slice, request, extra), model);
          const response = await runtime.postJson<unknown>(path, body, batchCall);
          return family.read(response.body, response.headers, slice.length, model);
        },
      },
    );
    return { provider: BEDROCK_PROVIDER_ID, model, embeddings, usage: { inputTokens } };
  } finally {
    call.deadline.dispose();
  }
}
