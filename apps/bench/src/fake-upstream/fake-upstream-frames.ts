/** What the fake upstream answers; every field has a default. */
export interface FakeUpstreamFramesOptions {
  /** Content chunks of a streamed answer (each one `data:` event). Default 50. */
  readonly chunks?: number;
  /** Model id echoed in every answer. Default `gpt-4o-mini`. */
  readonly model?: string;
  /** Text of a non-streamed answer. Default `Hello! How can I help you today?`. */
  readonly content?: string;
}

/** The byte-exact bodies the fake upstream sends, computed once so serving costs no JSON work. */
export interface FakeUpstreamFrames {
  /** A `chat.completion` object. */
  readonly completion: Buffer;
  /** The SSE events of a streamed answer, in order, each ending with a blank line. */
  readonly streamEvents: readonly Buffer[];
  /** How many leading events a held stream sends before it waits: the role chunk and one content chunk. */
  readonly heldPrefix: number;
  /** A `list` of models for `GET /models`. */
  readonly models: Buffer;
  /** The text the content chunks spell out, for checks. */
  readonly streamText: string;
  /** The non-streamed answer's text, for checks. */
  readonly completionText: string;
  /** Content chunks per streamed answer. */
  readonly chunks: number;
}

const ID = 'chatcmpl-bench0000000000000000000000';
const CREATED = 1_750_000_000;
const FINGERPRINT = 'fp_bench';

/**
 * Builds what the fake upstream sends, exactly as OpenAI's Chat Completions API frames it:
 * a `chat.completion` with usage, and a stream of `chat.completion.chunk` events — a role chunk,
 * `chunks` content chunks, a finish chunk, a usage chunk with empty `choices` (what
 * `stream_options.include_usage` produces), then `data: [DONE]`.
 *
 * @param options - Chunk count, model and answer text.
 * @returns The precomputed bodies.
 * @throws RangeError when `chunks` is not a positive integer.
 */
export function buildFakeUpstreamFrames(options: FakeUpstreamFramesOptions = {}): FakeUpstreamFrames {
  const chunks = options.chunks ?? 50;
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError('chunks must be a positive integer');
  const model = options.model ?? 'gpt-4o-mini';
  const completionText = options.content ?? 'Hello! How can I help you today?';
  const completionTokens = 9;
  const promptTokens = 12;

  const completion = Buffer.from(
    JSON.stringify({
      id: ID,
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: completionText, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
      },
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
    }),
  );

  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): Buffer =>
    Buffer.from(
      `data: ${JSON.stringify({
        id: ID,
        object: 'chat.completion.chunk',
        created: CREATED,
        model,
        service_tier: 'default',
        system_fingerprint: FINGERPRINT,
        choices,
        ...extra,
      })}\n\n`,
    );
  const streamEvents: Buffer[] = [
    chunk([
      {
        index: 0,
        delta: { role: 'assistant', content: '', refusal: null },
        logprobs: null,
        finish_reason: null,
      },
    ]),
  ];
  let streamText = '';
  for (let index = 0; index < chunks; index++) {
    const piece = `tok${index} `;
    streamText += piece;
    streamEvents.push(chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }]));
  }
  streamEvents.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]));
  streamEvents.push(
    chunk([], {
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: chunks,
        total_tokens: promptTokens + chunks,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
      },
    }),
  );
  streamEvents.push(Buffer.from('data: [DONE]\n\n'));

  const models = Buffer.from(
    JSON.stringify({
      object: 'list',
      data: [{ id: model, object: 'model', created: CREATED, owned_by: 'system' }],
    }),
  );
  return { completion, streamEvents, heldPrefix: 2, models, streamText, completionText, chunks };
}
