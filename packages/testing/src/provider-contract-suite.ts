import { ConnectorError, type ErrorCode, foldStream, type LLMProvider, type StreamChunk } from '@hub/core';

// vitest is loaded only inside a vitest worker, so applications can import the mock provider
// from this package without vitest installed or running
const vitest = process.env.VITEST === undefined ? undefined : await import('vitest');

function testApi(): typeof import('vitest') {
  if (vitest === undefined) throw new Error('describeProviderContract runs only inside a vitest test file.');
  return vitest;
}

/** The error situations every provider must classify. */
export type ContractErrorKind = 'authentication' | 'rate_limit' | 'invalid_request' | 'provider';

/**
 * How the contract suite drives a provider's upstream (usually a local fake server speaking the
 * provider's wire format). Every `arrange*` prepares the answer to the **next** call.
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
  /** The next stream sends `firstPiece` then stalls without ending. */
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

/**
 * Declares the `LLMProvider` contract tests for one provider. Call it from a vitest file:
 *
 * ```ts
 * describeProviderContract('openai', harness);
 * ```
 */
export function describeProviderContract(name: string, harness: ProviderContractHarness): void {
  const { afterEach, describe, expect, it } = testApi();
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
  });
}
