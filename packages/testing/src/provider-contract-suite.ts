import {
  ConnectorError,
  type ErrorCode,
  foldStream,
  type LLMProvider,
  type ResponseContentPart,
  type StreamChunk,
  type ToolCallPart,
} from '@hub/core';

import { vitestApi } from './internal/vitest-api.js';

const testApi = (): typeof import('vitest') => vitestApi('describeProviderContract');

/** The error situations every provider must classify. */
export type ContractErrorKind = 'authentication' | 'rate_limit' | 'invalid_request' | 'provider';

/** One request the upstream received, as `ProviderContractHarness.upstreamRequests` reports it. */
export interface ContractUpstreamRequest {
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent. */
  readonly body: string;
}

/**
 * How the upstream answers one embedding request: a vector per input (in the order of `inputs`),
 * or `'fail'` for an HTTP 500 in the provider's error format.
 *
 * @param inputs - The texts of this request, as the provider sent them (one batch).
 * @param dimensions - The vector length the request asked for; `undefined` when it sent none.
 */
export type ContractEmbeddingAnswer = (
  inputs: readonly string[],
  dimensions: number | undefined,
) => readonly (readonly number[])[] | 'fail';

/** How the suite drives a provider's embeddings; required when the provider has `embed`. */
export interface ContractEmbeddingHarness {
  /** An embedding model id (without provider prefix). */
  readonly model: string;
  /** The provider's documented most inputs per request (OpenAI 2,048); the suite sends more. */
  readonly batchSize: number;
  /** Whether `model` takes `EmbeddingRequest.dimensions` (then the suite checks it is sent). */
  readonly flexibleDimensions: boolean;
  /**
   * Every embedding request until the test ends is answered by `answer`: the upstream reads the
   * inputs (and the requested dimensions) from the provider's wire body and answers in its wire
   * format, so the suite can check order, batching and dimensions from the outside.
   */
  arrangeEmbeddings(answer: ContractEmbeddingAnswer): void | Promise<void>;
}

/**
 * How the contract suite drives a provider's upstream (usually a local fake server speaking the
 * provider's wire format). Every `arrange*` prepares the answer to the **next** call.
 *
 * The required members cover every provider. The optional ones add cases for what a provider
 * can do; each is documented with the cases it enables:
 *
 * | hook | cases |
 * | --- | --- |
 * | `upstreamRequests` | `CallOptions.headers` and `requestId` forwarded; `idleTimeoutMs` and `timeoutMs` honoured mid-stream (upstream closed) |
 * | `arrangeSilence` (with `upstreamRequests`) | `firstByteTimeoutMs` honoured for completions and streams |
 * | `arrangeToolCall` | tool calls in `sendCompletion` and in streams |
 * | `arrangeStreamError` | an in-stream error event is a typed error, never a quiet finish |
 * | `arrangeMalformedEvent` | a malformed event is `parse` (or `stream`), and closes the upstream |
 * | `embedding` | required when the provider has `embed`: order, dimensions, batch splitting, one failed batch fails the call; with `arrangeError`, a 429 and a 401 of an embed call classified; with `arrangeSilence` (else `arrangeStall`), an aborted embed call closes the upstream |
 * | `arrangeTokenCount` | required when the provider has `countTokens`: the exact count |
 *
 * A provider that talks to an upstream (every HTTP provider) implements `upstreamRequests`:
 * without it the suite treats the provider as in-memory (like the mock provider) and skips the
 * wire cases, listing them as skipped. With it, a provider that ignores `idleTimeoutMs`,
 * `timeoutMs` or the call's headers fails the suite.
 */
export interface ProviderContractHarness {
  /** Creates the provider under test; called before every test. */
  createProvider(): LLMProvider | Promise<LLMProvider>;
  /** The model id requests use (without provider prefix). */
  readonly model: string;
  /** The next call answers with `text`, streamed in `pieces` when it is a stream. */
  arrangeText(pieces: readonly string[]): void | Promise<void>;
  /** The next call fails upstream in the given way; `retryAfterSeconds` for `rate_limit`. */
  arrangeError(
    kind: ContractErrorKind,
    options: { readonly retryAfterSeconds: number },
  ): void | Promise<void>;
  /** The next stream sends `firstPiece` then stalls without ending (the connection stays open). */
  arrangeStall(firstPiece: string): void | Promise<void>;
  /** The next stream sends `firstPiece` then ends without the provider's end marker. */
  arrangeTruncation(firstPiece: string): void | Promise<void>;
  /** Resolves when the upstream saw the client close a connection before the answer ended. */
  upstreamClosed(): Promise<void>;
  /** A configuration `validateConfig` accepts, and one it must reject. */
  readonly validConfig: unknown;
  readonly invalidConfig: unknown;
  /** A secret (API key) the provider was created with; it must never appear in an error. */
  readonly secret?: string;
  /** Called after every test. */
  cleanup?(): void | Promise<void>;

  /**
   * Every request the upstream received so far, oldest first (a scripted server's `requests`),
   * including side requests such as model lists. The suite reads the requests a call added:
   * their headers, and whether one arrived yet.
   */
  upstreamRequests?(): readonly ContractUpstreamRequest[];
  /**
   * The header that carries `CallOptions.requestId` (`x-client-request-id`), in lower case.
   * Leave it out when the provider sends none: the suite then checks the id appears in no header.
   */
  readonly requestIdHeader?: string;
  /** The next request is accepted and never answered: no status, no headers, the connection open. */
  arrangeSilence?(): void | Promise<void>;
  /**
   * The next call answers with exactly one call of tool `name` with `argumentsJson` (a JSON
   * object's text), finishing for tool calls; streamed in the provider's fragments when a stream.
   */
  arrangeToolCall?(name: string, argumentsJson: string): void | Promise<void>;
  /**
   * The next stream sends `firstPiece`, then the provider's own in-stream error event reporting
   * a server-side failure (OpenAI `{"error":{"type":"server_error"}}`, Anthropic `event: error`
   * with `overloaded_error`), then keeps the connection open.
   */
  arrangeStreamError?(firstPiece: string): void | Promise<void>;
  /**
   * The next stream sends `firstPiece`, then an event whose payload the provider cannot decode
   * (cut-off JSON in a well-framed event; a corrupt frame for binary framings), then keeps the
   * connection open.
   */
  arrangeMalformedEvent?(firstPiece: string): void | Promise<void>;
  /** Drives `embed`; required when the provider has it. */
  readonly embedding?: ContractEmbeddingHarness;
  /** The next token-counting request answers `inputTokens`; required when the provider has `countTokens`. */
  arrangeTokenCount?(inputTokens: number): void | Promise<void>;
}

const EXPECTED_CODES: Record<ContractErrorKind, ErrorCode> = {
  authentication: 'authentication',
  rate_limit: 'rate_limit',
  invalid_request: 'invalid_request',
  provider: 'provider',
};

const request = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'Say hello.' }] });

async function expectConnectorError(promise: Promise<unknown>): Promise<ConnectorError> {
  const { expect } = testApi();
  try {
    await promise;
  } catch (error) {
    expect(ConnectorError.isInstance(error), `expected a ConnectorError, got ${String(error)}`).toBe(true);
    return error as ConnectorError;
  }
  throw new Error('expected the call to fail');
}

// the id the request-id cases send; long and distinctive, so finding it in a header is no accident
const CONTRACT_REQUEST_ID = 'hub-contract-request-7f3a9c';
const CONTRACT_HEADER = 'x-hub-contract';
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
// how long the suite waits, in real time, for a request to reach the upstream before giving up
const ARRIVAL_BUDGET_MS = 15_000;
// the deadline under test, on a fake clock that stands still until the suite moves it
const FAKE_DEADLINE_MS = 1_000;
// a real deadline against an upstream that never answers: no outcome but `timeout` is possible
const REAL_IDLE_MS = 50;

const collect = async (
  stream: AsyncIterable<StreamChunk>,
  into: StreamChunk[] = [],
): Promise<StreamChunk[]> => {
  for await (const chunk of stream) into.push(chunk);
  return into;
};

/** Pulls until a text delta arrived (the upstream answered), so a deadline can be tested after it. */
async function untilTextDelta(iterator: AsyncIterator<StreamChunk>): Promise<void> {
  for (;;) {
    const result = await iterator.next();
    if (result.done === true) throw new Error('the stream ended before its first text delta');
    if (result.value.type === 'text-delta') return;
  }
}

/** The numbers the fake upstream answers for one embedding input: exact in float32. */
const vectorOf = (input: string): number[] => {
  const index = Number(input.slice(input.lastIndexOf(' ') + 1));
  return [index, index + 0.5, -index, 0.25];
};

/**
 * Declares the `LLMProvider` contract tests for one provider. Call it from a vitest file:
 *
 * ```ts
 * describeProviderContract('openai', harness);
 * ```
 */
export function describeProviderContract(name: string, harness: ProviderContractHarness): void {
  const { afterEach, describe, expect, it, vi } = testApi();
  describe(`LLMProvider contract: ${name}`, () => {
    let provider: LLMProvider;
    const setup = async (): Promise<LLMProvider> => {
      provider = await harness.createProvider();
      return provider;
    };
    afterEach(async () => {
      await provider?.close?.();
      await harness.cleanup?.();
    });

    it('has a stable, lowercase provider id', async () => {
      const first = await setup();
      expect(first.providerId).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
      expect(first.providerId).toBe(first.providerId);
    });

    it('answers sendCompletion with the unified response', async () => {
      const current = await setup();
      await harness.arrangeText(['Hello', ' there', '!']);
      const response = await current.sendCompletion(request(harness.model));
      expect(response.text).toBe('Hello there!');
      expect(response.provider).toBe(current.providerId);
      expect(response.finishReason).toBe('stop');
      expect(response.content.some((part) => part.type === 'text')).toBe(true);
      expect(response.usage.inputTokens).toBeGreaterThanOrEqual(0);
      expect(response.usage.totalTokens).toBeGreaterThanOrEqual(response.usage.outputTokens);
    });

    it('streams text deltas with finish as the last chunk', async () => {
      const current = await setup();
      await harness.arrangeText(['Hello', ' there', '!']);
      const chunks: StreamChunk[] = [];
      for await (const chunk of current.streamCompletion(request(harness.model))) chunks.push(chunk);
      expect(chunks.at(-1)?.type).toBe('finish');
      expect(chunks.filter((chunk) => chunk.type === 'finish')).toHaveLength(1);
      const text = chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : '')).join('');
      expect(text).toBe('Hello there!');
      const folded = await foldStream(
        (async function* () {
          yield* chunks;
        })(),
        { provider: current.providerId, model: harness.model },
      );
      expect(folded.text).toBe('Hello there!');
    });

    for (const kind of Object.keys(EXPECTED_CODES) as ContractErrorKind[]) {
      it(`classifies an upstream ${kind} failure`, async () => {
        const current = await setup();
        await harness.arrangeError(kind, { retryAfterSeconds: 7 });
        const error = await expectConnectorError(current.sendCompletion(request(harness.model)));
        expect(error.code).toBe(EXPECTED_CODES[kind]);
        expect(error.providerId).toBe(current.providerId);
        expect(error.retryable).toBe(kind === 'rate_limit' || kind === 'provider');
        if (kind === 'rate_limit') expect(error.retryAfterMs).toBe(7000);
        if (harness.secret !== undefined) {
          expect(error.message).not.toContain(harness.secret);
          expect(JSON.stringify(error.toJSON())).not.toContain(harness.secret);
        }
      });
    }

    it('classifies a failure of a stream request before any chunk', async () => {
      const current = await setup();
      await harness.arrangeError('rate_limit', { retryAfterSeconds: 3 });
      const error = await expectConnectorError(
        (async () => {
          for await (const _ of current.streamCompletion(request(harness.model))) {
            // consuming drives the request
          }
        })(),
      );
      expect(error.code).toBe('rate_limit');
      expect(error.retryAfterMs).toBe(3000);
    });

    it('rejects with cancelled when the signal is already aborted', async () => {
      const current = await setup();
      // nothing is arranged: a compliant provider sends nothing, and an upstream that is reached
      // anyway answers with its fallback error, which fails the expectation below
      const controller = new AbortController();
      controller.abort();
      const error = await expectConnectorError(
        current.sendCompletion(request(harness.model), { signal: controller.signal }),
      );
      expect(error.code).toBe('cancelled');
    });

    it('ends iteration with cancelled and closes the upstream when aborted mid-stream', async () => {
      const current = await setup();
      await harness.arrangeStall('partial');
      const controller = new AbortController();
      const closed = harness.upstreamClosed();
      const seen: StreamChunk[] = [];
      const error = await expectConnectorError(
        (async () => {
          for await (const chunk of current.streamCompletion(request(harness.model), {
            signal: controller.signal,
          })) {
            seen.push(chunk);
            if (chunk.type === 'text-delta') controller.abort();
          }
        })(),
      );
      expect(error.code).toBe('cancelled');
      expect(seen.some((chunk) => chunk.type === 'text-delta')).toBe(true);
      await closed;
    });

    it('closes the upstream when the consumer stops iterating', async () => {
      const current = await setup();
      await harness.arrangeStall('partial');
      const closed = harness.upstreamClosed();
      for await (const chunk of current.streamCompletion(request(harness.model))) {
        if (chunk.type === 'text-delta') break;
      }
      await closed;
    });

    it('reports a truncated stream as an error, never a short answer', async () => {
      const current = await setup();
      await harness.arrangeTruncation('partial');
      const error = await expectConnectorError(
        (async () => {
          for await (const _ of current.streamCompletion(request(harness.model))) {
            // consume
          }
        })(),
      );
      expect(['stream', 'network']).toContain(error.code);
    });

    it('describes itself with well-formed metadata', async () => {
      const current = await setup();
      const metadata = await current.getMetadata();
      expect(metadata.providerId).toBe(current.providerId);
      expect(metadata.models.length).toBeGreaterThan(0);
      for (const model of metadata.models) {
        expect(typeof model.id).toBe('string');
        expect(model.contextWindow).toBeGreaterThan(0);
        for (const flag of ['streaming', 'tools', 'vision', 'json'] as const)
          expect(typeof model.capabilities[flag]).toBe('boolean');
        if (model.pricing !== undefined) {
          expect(model.pricing.inputPer1k).toBeGreaterThanOrEqual(0);
          expect(model.pricing.outputPer1k).toBeGreaterThanOrEqual(0);
        }
      }
    });

    it('validates configuration synchronously, naming the failing field', async () => {
      const current = await setup();
      expect(current.validateConfig(harness.validConfig)).toEqual({ ok: true });
      const result = current.validateConfig(harness.invalidConfig);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(typeof issue.path).toBe('string');
          expect(issue.message.length).toBeGreaterThan(0);
          if (harness.secret !== undefined) expect(issue.message).not.toContain(harness.secret);
        }
      }
    });

    it('probes by resolving, or rejecting with a ConnectorError that leaks no secret', async () => {
      const current = await setup();
      const outcome = await current.probe({ signal: AbortSignal.timeout(5_000) }).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (outcome !== undefined) {
        expect(ConnectorError.isInstance(outcome)).toBe(true);
        if (harness.secret !== undefined)
          expect(String((outcome as Error).message)).not.toContain(harness.secret);
      }
    });

    // -------------------------------------------------------------------------------------------
    // The wire: headers, request id and deadlines, checked from the upstream's side. They need
    // `upstreamRequests`; an in-memory provider (the mock) has no upstream and skips them.

    const upstream = harness.upstreamRequests?.bind(harness);
    const wire = upstream === undefined ? it.skip : it;
    const requestsSince = (before: number): readonly ContractUpstreamRequest[] =>
      (upstream as NonNullable<typeof upstream>)().slice(before);
    const count = (): number => (upstream === undefined ? 0 : upstream().length);
    const lastSince = (before: number): ContractUpstreamRequest => {
      const added = requestsSince(before);
      expect(added.length, 'the call sent no request upstream').toBeGreaterThan(0);
      return added.at(-1) as ContractUpstreamRequest;
    };
    // waits (in real time, the fake clock standing still) until the upstream holds the request
    const arrival = async (before: number, settled: () => boolean): Promise<void> => {
      const started = performance.now();
      while (count() <= before && !settled()) {
        if (performance.now() - started > ARRIVAL_BUDGET_MS)
          throw new Error('the request never reached the upstream');
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const withFakeClock = async (body: () => Promise<void>): Promise<void> => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        await body();
      } finally {
        vi.useRealTimers();
      }
    };

    wire('forwards CallOptions.headers with completions and streams', async () => {
      const current = await setup();
      await harness.arrangeText(['Hi']);
      let before = count();
      await current.sendCompletion(request(harness.model), { headers: { [CONTRACT_HEADER]: 'complete' } });
      expect(lastSince(before).headers[CONTRACT_HEADER]).toBe('complete');
      await harness.arrangeText(['Hi']);
      before = count();
      await collect(
        current.streamCompletion(request(harness.model), { headers: { [CONTRACT_HEADER]: 'stream' } }),
      );
      expect(lastSince(before).headers[CONTRACT_HEADER]).toBe('stream');
    });

    wire(
      harness.requestIdHeader === undefined
        ? 'sends CallOptions.requestId in no header (the provider has no request id header)'
        : `sends CallOptions.requestId as ${harness.requestIdHeader}`,
      async () => {
        const current = await setup();
        const sent: ContractUpstreamRequest[] = [];
        await harness.arrangeText(['Hi']);
        let before = count();
        await current.sendCompletion(request(harness.model), { requestId: CONTRACT_REQUEST_ID });
        sent.push(lastSince(before));
        await harness.arrangeText(['Hi']);
        before = count();
        await collect(current.streamCompletion(request(harness.model), { requestId: CONTRACT_REQUEST_ID }));
        sent.push(lastSince(before));
        for (const { headers } of sent) {
          for (const [name, value] of Object.entries(headers)) {
            // an id forwarded without a value, or an object forwarded as text
            expect(['undefined', 'null', '[object Object]'], `header ${name}`).not.toContain(value);
            if (name !== harness.requestIdHeader)
              expect(value, `header ${name}`).not.toContain(CONTRACT_REQUEST_ID);
          }
          if (harness.requestIdHeader !== undefined)
            expect(headers[harness.requestIdHeader]).toBe(CONTRACT_REQUEST_ID);
        }
      },
    );

    wire('times out a stream that stalls longer than idleTimeoutMs, and closes the upstream', async () => {
      const current = await setup();
      await harness.arrangeStall('partial');
      const closed = harness.upstreamClosed();
      // the upstream never sends more, so whatever the machine's load, only the idle limit can end it
      const error = await expectConnectorError(
        collect(current.streamCompletion(request(harness.model), { idleTimeoutMs: REAL_IDLE_MS })),
      );
      expect(error.code).toBe('timeout');
      expect(error.providerId).toBe(current.providerId);
      await closed;
    });

    wire('ends a stream with timeout when the call outlasts timeoutMs, and closes the upstream', async () => {
      const current = await setup();
      await harness.arrangeStall('partial');
      const closed = harness.upstreamClosed();
      await withFakeClock(async () => {
        const iterator = current
          .streamCompletion(request(harness.model), { timeoutMs: FAKE_DEADLINE_MS })
          [Symbol.asyncIterator]();
        // the clock stands still while the answer starts, so the deadline passes only mid-stream
        await untilTextDelta(iterator);
        const pending = expectConnectorError(iterator.next());
        vi.advanceTimersByTime(FAKE_DEADLINE_MS);
        expect((await pending).code).toBe('timeout');
      });
      await closed;
    });

    const silent = upstream === undefined || harness.arrangeSilence === undefined ? it.skip : it;
    for (const [operation, limit] of [
      ['completion', 'firstByteTimeoutMs'],
      ['stream', 'firstByteTimeoutMs'],
      ['completion', 'timeoutMs'],
    ] as const) {
      silent(
        `times out a ${operation} the upstream never answers after ${limit}, and closes the upstream`,
        async () => {
          const current = await setup();
          await harness.arrangeSilence?.();
          const closed = harness.upstreamClosed();
          const before = count();
          await withFakeClock(async () => {
            const options = { [limit]: FAKE_DEADLINE_MS };
            let settled = false;
            const pending = expectConnectorError(
              operation === 'completion'
                ? current.sendCompletion(request(harness.model), options)
                : collect(current.streamCompletion(request(harness.model), options)),
            ).finally(() => {
              settled = true;
            });
            await arrival(before, () => settled);
            vi.advanceTimersByTime(FAKE_DEADLINE_MS);
            expect((await pending).code).toBe('timeout');
          });
          await closed;
        },
      );
    }

    // -------------------------------------------------------------------------------------------
    // What a provider can do: tool calls, stream failures, embeddings, token counts.

    const toolCalls = harness.arrangeToolCall === undefined ? it.skip : it;
    const toolRequest = () => ({
      ...request(harness.model),
      tools: [WEATHER_TOOL],
      toolChoice: 'auto' as const,
    });
    const expectWeatherCall = (content: readonly ResponseContentPart[]): void => {
      const calls = content.filter((part) => part.type === 'tool-call');
      expect(calls).toHaveLength(1);
      const [call] = calls as [ToolCallPart];
      expect(call.name).toBe('get_weather');
      expect(JSON.parse(call.arguments)).toEqual({ city: 'Paris' });
      expect(typeof call.id).toBe('string');
      expect(call.id.length, 'a tool call needs an id its result can answer').toBeGreaterThan(0);
    };

    toolCalls('answers a tool call with a unified tool-call part', async () => {
      const current = await setup();
      await harness.arrangeToolCall?.('get_weather', '{"city":"Paris"}');
      const before = count();
      const response = await current.sendCompletion(toolRequest());
      expect(response.finishReason).toBe('tool_calls');
      expectWeatherCall(response.content);
      if (upstream !== undefined) expect(lastSince(before).body).toContain('get_weather');
    });

    toolCalls('streams a tool call whose fragments fold to the same call', async () => {
      const current = await setup();
      await harness.arrangeToolCall?.('get_weather', '{"city":"Paris"}');
      const chunks = await collect(current.streamCompletion(toolRequest()));
      expect(chunks.at(-1)?.type).toBe('finish');
      expect(chunks.some((chunk) => chunk.type === 'tool-call-delta')).toBe(true);
      const folded = await foldStream(
        (async function* () {
          yield* chunks;
        })(),
        { provider: current.providerId, model: harness.model },
      );
      expect(folded.finishReason).toBe('tool_calls');
      expectWeatherCall(folded.content);
    });

    (harness.arrangeStreamError === undefined ? it.skip : it)(
      'fails a stream carrying an error event with a typed error, never a quiet finish',
      async () => {
        const current = await setup();
        await harness.arrangeStreamError?.('partial');
        const closed = harness.upstreamClosed();
        const seen: StreamChunk[] = [];
        const error = await expectConnectorError(
          collect(current.streamCompletion(request(harness.model)), seen),
        );
        // `stream` would mean the event was ignored and only the missing end noticed
        expect(['provider', 'overloaded']).toContain(error.code);
        expect(error.retryable).toBe(true);
        expect(error.providerId).toBe(current.providerId);
        expect(seen.some((chunk) => chunk.type === 'finish')).toBe(false);
        await closed;
      },
    );

    (harness.arrangeMalformedEvent === undefined ? it.skip : it)(
      'fails a stream carrying a malformed event with parse (or stream), and closes the upstream',
      async () => {
        const current = await setup();
        await harness.arrangeMalformedEvent?.('partial');
        const closed = harness.upstreamClosed();
        const seen: StreamChunk[] = [];
        const error = await expectConnectorError(
          collect(current.streamCompletion(request(harness.model)), seen),
        );
        expect(['parse', 'stream']).toContain(error.code);
        expect(seen.some((chunk) => chunk.type === 'finish')).toBe(false);
        await closed;
      },
    );

    // whether the provider embeds is known only once it exists: these cases skip themselves
    const embedding = async (context: { skip(note: string): never }) => {
      const current = await setup();
      if (current.embed === undefined) context.skip('the provider has no embed');
      const embed = current.embed.bind(current);
      const driver = harness.embedding;
      if (driver === undefined) throw new Error('the provider has embed: give the harness `embedding`');
      return { current, embed, driver };
    };
    const embeddingInputs = (size: number): string[] =>
      Array.from({ length: size }, (_, index) => `contract input ${index}`);

    it('embeds in input order, splitting inputs above its batch limit, forwarding headers', async (context) => {
      const { current, embed, driver } = await embedding(context);
      const inputs = embeddingInputs(driver.batchSize + 3);
      const batches: string[][] = [];
      await driver.arrangeEmbeddings((batch) => {
        batches.push([...batch]);
        return batch.map(vectorOf);
      });
      const before = count();
      const response = await embed(
        { model: driver.model, input: inputs },
        { headers: { [CONTRACT_HEADER]: 'embed' } },
      );
      expect(response.provider).toBe(current.providerId);
      expect(response.embeddings).toHaveLength(inputs.length);
      response.embeddings.forEach((vector, index) => {
        expect(vector).toBeInstanceOf(Float32Array);
        expect(Array.from(vector)).toEqual(vectorOf(inputs[index] as string));
      });
      expect(batches).toHaveLength(Math.ceil(inputs.length / driver.batchSize));
      for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(driver.batchSize);
      expect(batches.flat().sort()).toEqual([...inputs].sort());
      if (upstream !== undefined) {
        const sent = requestsSince(before).filter(
          (sentRequest) => sentRequest.headers[CONTRACT_HEADER] !== undefined,
        );
        expect(sent.length).toBe(batches.length);
        for (const sentRequest of sent) expect(sentRequest.headers[CONTRACT_HEADER]).toBe('embed');
      }
    });

    it('embeds one string into one vector, sending the requested dimensions', async (context) => {
      const { embed, driver } = await embedding(context);
      const asked: (number | undefined)[] = [];
      await driver.arrangeEmbeddings((batch, dimensions) => {
        asked.push(dimensions);
        return batch.map(() => Array.from({ length: dimensions ?? 8 }, (_, index) => index / 2));
      });
      const single = await embed({ model: driver.model, input: 'contract input 0' });
      expect(single.embeddings).toHaveLength(1);
      expect(single.embeddings[0]?.length).toBe(8);
      if (!driver.flexibleDimensions) return;
      const shortened = await embed({ model: driver.model, input: ['a 1', 'b 2'], dimensions: 4 });
      expect(asked.at(-1)).toBe(4);
      expect(shortened.embeddings.map((vector) => Array.from(vector))).toEqual([
        [0, 0.5, 1, 1.5],
        [0, 0.5, 1, 1.5],
      ]);
    });

    it('fails the whole embed call when one batch fails, with a typed error', async (context) => {
      const { current, embed, driver } = await embedding(context);
      const inputs = embeddingInputs(driver.batchSize + 3);
      const last = inputs.at(-1) as string;
      await driver.arrangeEmbeddings((batch) => (batch.includes(last) ? 'fail' : batch.map(vectorOf)));
      const error = await expectConnectorError(embed({ model: driver.model, input: inputs }));
      expect(error.code).toBe('provider');
      expect(error.retryable).toBe(true);
      expect(error.providerId).toBe(current.providerId);
    });

    // an embedding request fails upstream the way a completion does, and must be classified
    // the same way: retry and breakers read these flags whatever the operation
    for (const kind of ['rate_limit', 'authentication'] as const) {
      it(`classifies an upstream ${kind} failure of an embed call`, async (context) => {
        const { current, embed, driver } = await embedding(context);
        await harness.arrangeError(kind, { retryAfterSeconds: 7 });
        const error = await expectConnectorError(embed({ model: driver.model, input: ['contract input 0'] }));
        expect(error.code).toBe(EXPECTED_CODES[kind]);
        expect(error.retryable).toBe(kind === 'rate_limit');
        expect(error.providerId).toBe(current.providerId);
        if (kind === 'rate_limit') expect(error.retryAfterMs).toBe(7000);
        if (harness.secret !== undefined)
          expect(JSON.stringify(error.toJSON())).not.toContain(harness.secret);
      });
    }

    it('rejects an aborted embed call with cancelled and closes the upstream', async (context) => {
      const { embed, driver } = await embedding(context);
      // an upstream that never answers, or one that starts an answer and stalls
      if (harness.arrangeSilence !== undefined) await harness.arrangeSilence();
      else await harness.arrangeStall('partial');
      const closed = harness.upstreamClosed();
      const controller = new AbortController();
      const before = count();
      let settled = false;
      const pending = expectConnectorError(
        embed({ model: driver.model, input: ['contract input 0'] }, { signal: controller.signal }),
      ).finally(() => {
        settled = true;
      });
      // abort once the upstream holds the request, so closing it is what is checked
      if (upstream !== undefined) await arrival(before, () => settled);
      controller.abort();
      expect((await pending).code).toBe('cancelled');
      await closed;
    });

    it('counts input tokens with the provider’s own API, exactly', async (context) => {
      const current = await setup();
      if (current.countTokens === undefined) return context.skip('the provider has no countTokens');
      if (harness.arrangeTokenCount === undefined)
        throw new Error('the provider has countTokens: give the harness `arrangeTokenCount`');
      await harness.arrangeTokenCount(42);
      const before = count();
      const counted = await current.countTokens(request(harness.model), {
        headers: { [CONTRACT_HEADER]: 'count' },
      });
      expect(counted).toEqual({
        inputTokens: 42,
        exact: true,
        provider: current.providerId,
        model: harness.model,
      });
      if (upstream !== undefined) expect(lastSince(before).headers[CONTRACT_HEADER]).toBe('count');
    });
  });
}
