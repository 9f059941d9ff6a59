import { type CompletionResponse, ConnectorError, type StreamChunk } from '@hub/core';
import type { MultiLimitRateLimiter, TokenAdjustment } from '@hub/middleware-rate-limit';
import type { CallRecord, GovernanceStore, Reservation } from '@hub/store-postgres';
import { describe, expect, it, vi } from 'vitest';
import { type CallAdmissionSettings, createCallAdmission } from './call-admission.js';
import { createGovernanceCounters } from './governance-counters.js';

const PRICING = { inputPer1k: 1, outputPer1k: 2 };

const reservation = (estimatedCost: number): Reservation => ({
  id: '01890000-0000-7000-8000-000000000001',
  keyId: '01890000-0000-7000-8000-000000000002',
  teamId: null,
  estimatedCost,
  keyPeriodStart: 0,
  teamPeriodStart: null,
  enforced: true,
  degraded: false,
});

/** A store that records what admission hands it; `flush` resolves when the test says so. */
function recordingStore() {
  const settled: { reservation: Reservation; record: CallRecord }[] = [];
  const recorded: CallRecord[] = [];
  const released: Reservation[] = [];
  let finishFlush: (error?: Error) => void = () => {};
  const flush = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        finishFlush = (error) => (error === undefined ? resolve() : reject(error));
      }),
  );
  const store = {
    settle: (held: Reservation, record: CallRecord) => settled.push({ reservation: held, record }) > 0,
    record: (_authenticated: unknown, record: CallRecord) => recorded.push(record) > 0,
    release: (held: Reservation) => released.push(held) > 0,
    flush,
  } as unknown as GovernanceStore;
  return { store, settled, recorded, released, flush, finishFlush: (error?: Error) => finishFlush(error) };
}

function admissionOf(store: GovernanceStore, overrides: Partial<CallAdmissionSettings> = {}) {
  let clock = 1_000;
  const counters = createGovernanceCounters();
  const admission = createCallAdmission({
    store,
    counters,
    logger: undefined,
    now: () => (clock += 25),
    route: '/v1/chat/completions',
    operation: 'complete',
    model: 'default',
    requestId: 'request-1',
    // 100 input tokens, 50 output tokens: 0.1 + 0.1 USD
    estimate: { inputTokens: 100, outputTokens: 50, costUsd: 0.2, pricing: PRICING },
    authenticated: undefined,
    reservation: reservation(0.2),
    heldTokens: undefined,
    ...overrides,
  });
  return { admission, counters };
}

const response = (cost: number | undefined): CompletionResponse => ({
  id: 'r',
  provider: 'mock',
  model: 'mock-1',
  text: 'hi',
  content: [{ type: 'text', text: 'hi' }],
  finishReason: 'stop',
  usage: { inputTokens: 90, outputTokens: 20, totalTokens: 110, cachedInputTokens: 10, reasoningTokens: 5 },
  ...(cost !== undefined && { cost: { inputUsd: 0, outputUsd: cost, totalUsd: cost } }),
});

async function* streamOf(items: StreamChunk[], failWith?: Error): AsyncGenerator<StreamChunk> {
  for (const item of items) yield item;
  if (failWith !== undefined) throw failWith;
}

const drain = async (stream: AsyncIterable<StreamChunk>, stopAfter = Number.POSITIVE_INFINITY) => {
  let seen = 0;
  for await (const _ of stream) if (++seen >= stopAfter) break;
};

describe('createCallAdmission', () => {
  it('settles a completion once at its reported cost, with its usage, provider and timing', async () => {
    const { store, settled } = recordingStore();
    const { admission } = admissionOf(store);
    await expect(admission.trackCompletion(Promise.resolve(response(0.05)))).resolves.toMatchObject({
      id: 'r',
    });
    admission.release();
    expect(settled).toHaveLength(1);
    expect(settled[0]?.record).toEqual({
      cost: 0.05,
      status: 'success',
      model: 'default',
      operation: 'complete',
      route: '/v1/chat/completions',
      requestId: 'request-1',
      latencyMs: 25,
      provider: 'mock',
      inputTokens: 90,
      outputTokens: 20,
      cachedTokens: 10,
      reasoningTokens: 5,
    });
  });

  it('charges 0 for a response without a cost (a cache hit or an unpriced model) and for a failure', async () => {
    const cached = recordingStore();
    await admissionOf(cached.store).admission.trackCompletion(Promise.resolve(response(undefined)));
    expect(cached.settled[0]?.record).toMatchObject({ cost: 0, status: 'success' });

    const failed = recordingStore();
    const error = new ConnectorError('provider', 'upstream 500');
    await expect(admissionOf(failed.store).admission.trackCompletion(Promise.reject(error))).rejects.toBe(
      error,
    );
    expect(failed.settled[0]?.record).toMatchObject({ cost: 0, status: 'error' });

    const cancelled = recordingStore();
    const gone = new ConnectorError('cancelled', 'client left');
    await expect(admissionOf(cancelled.store).admission.trackCompletion(Promise.reject(gone))).rejects.toBe(
      gone,
    );
    expect(cancelled.settled[0]?.record).toMatchObject({ cost: 0, status: 'cancelled' });
  });

  it('writes a call that cost more than its reservation before releasing its answer', async () => {
    const { store, settled, flush, finishFlush } = recordingStore();
    const { admission } = admissionOf(store);
    let answered = false;
    const answer = admission.trackCompletion(Promise.resolve(response(0.5))).then(() => {
      answered = true;
    });
    await vi.waitFor(() => expect(flush).toHaveBeenCalledOnce());
    expect(settled).toHaveLength(1);
    expect(answered).toBe(false);
    finishFlush();
    await answer;
    expect(answered).toBe(true);

    // within its estimate: no write on the request path
    const within = recordingStore();
    await admissionOf(within.store).admission.trackCompletion(Promise.resolve(response(0.2)));
    expect(within.flush).not.toHaveBeenCalled();
  });

  it('answers anyway when the overrun cannot be written, counting it', async () => {
    const { store, finishFlush, flush } = recordingStore();
    const { admission, counters } = admissionOf(store);
    const answer = admission.trackCompletion(Promise.resolve(response(0.5)));
    await vi.waitFor(() => expect(flush).toHaveBeenCalledOnce());
    finishFlush(new ConnectorError('overloaded', 'database down'));
    await expect(answer).resolves.toMatchObject({ id: 'r' });
    expect(counters.lateOverrunWrites).toBe(1);
  });

  it('settles a stream at its finish chunk’s cost, once, even when the reader closes it afterwards', async () => {
    const { store, settled } = recordingStore();
    const usage = { inputTokens: 7, outputTokens: 3, totalTokens: 10 };
    const stream = admissionOf(store).admission.trackStream(
      streamOf([
        { type: 'text-delta', text: 'hello' },
        {
          type: 'finish',
          finishReason: 'stop',
          usage,
          provider: 'mock',
          cost: { inputUsd: 0, outputUsd: 0, totalUsd: 0.01 },
        },
      ]),
    );
    await drain(stream);
    expect(settled).toHaveLength(1);
    expect(settled[0]?.record).toMatchObject({
      cost: 0.01,
      status: 'success',
      provider: 'mock',
      inputTokens: 7,
    });
  });

  it('charges a stream cut after output at the estimated input plus its output characters / 4', async () => {
    const closed = recordingStore();
    await drain(
      admissionOf(closed.store).admission.trackStream(
        streamOf([
          { type: 'text-delta', text: 'x'.repeat(400) },
          { type: 'text-delta', text: 'y' },
        ]),
      ),
      1,
    );
    // 100 estimated input tokens at $1 / 1k, 100 output tokens at $2 / 1k
    expect(closed.settled[0]?.record).toMatchObject({
      status: 'cancelled',
      inputTokens: 100,
      outputTokens: 100,
    });
    expect(closed.settled[0]?.record.cost).toBeCloseTo(0.3, 12);

    const failed = recordingStore();
    await expect(
      drain(
        admissionOf(failed.store).admission.trackStream(
          streamOf([{ type: 'text-delta', text: 'x'.repeat(40) }], new ConnectorError('stream', 'cut')),
        ),
      ),
    ).rejects.toThrow('cut');
    expect(failed.settled[0]?.record).toMatchObject({ status: 'error', outputTokens: 10 });
    expect(failed.settled[0]?.record.cost).toBeCloseTo(0.12, 12);

    const early = recordingStore();
    await expect(
      drain(
        admissionOf(early.store).admission.trackStream(streamOf([], new ConnectorError('provider', 'no'))),
      ),
    ).rejects.toThrow('no');
    expect(early.settled[0]?.record).toMatchObject({ status: 'error', cost: 0 });
  });

  it('charges a finished stream whose provider reported no usage as if cut short', async () => {
    const { store, settled } = recordingStore();
    await drain(
      admissionOf(store).admission.trackStream(
        streamOf([
          { type: 'text-delta', text: 'x'.repeat(40) },
          { type: 'finish', finishReason: 'stop' },
        ]),
      ),
    );
    expect(settled[0]?.record).toMatchObject({ status: 'success', inputTokens: 100, outputTokens: 10 });
    expect(settled[0]?.record.cost).toBeCloseTo(0.12, 12);
  });

  it('releases a call never made: the reservation back, no ledger row, nothing settled after', async () => {
    const { store, settled, released } = recordingStore();
    const { admission } = admissionOf(store);
    admission.release();
    admission.release();
    await admission.trackCompletion(Promise.resolve(response(0.05)));
    expect(released).toHaveLength(1);
    expect(settled).toHaveLength(0);
  });

  it('settles an embedding at its cost with its input tokens, and a failed one at 0', async () => {
    const { store, settled } = recordingStore();
    const embedded = {
      provider: 'mock',
      model: 'embed-1',
      embeddings: [new Float32Array([0.1, 0.2])],
      usage: { inputTokens: 12 },
      cost: { inputUsd: 0.001, outputUsd: 0, totalUsd: 0.001 },
    };
    await admissionOf(store, { operation: 'embed', model: 'embed-1' }).admission.trackEmbedding(
      Promise.resolve(embedded),
    );
    expect(settled[0]?.record).toMatchObject({
      cost: 0.001,
      status: 'success',
      operation: 'embed',
      model: 'embed-1',
      inputTokens: 12,
      outputTokens: 0,
    });
    const failed = recordingStore();
    const error = new ConnectorError('provider', 'down');
    await expect(
      admissionOf(failed.store, { operation: 'embed' }).admission.trackEmbedding(Promise.reject(error)),
    ).rejects.toBe(error);
    expect(failed.settled[0]?.record).toMatchObject({ cost: 0, status: 'error' });
  });

  it('records a config-file key’s call without a reservation', async () => {
    const { store, recorded, settled } = recordingStore();
    await admissionOf(store, { reservation: undefined }).admission.trackCompletion(
      Promise.resolve(response(0.5)),
    );
    expect(settled).toHaveLength(0);
    expect(recorded).toEqual([expect.objectContaining({ cost: 0.5, status: 'success' })]);
  });

  it('corrects each tokens-per-minute reservation to the tokens really used', async () => {
    const corrections: TokenAdjustment[][] = [];
    const limiter = {
      updateUsages: async (adjustments: readonly TokenAdjustment[]) => {
        corrections.push([...adjustments]);
      },
    } as unknown as MultiLimitRateLimiter;
    const rule = { tokensPerWindow: 1_000, windowMs: 60_000 };
    const { store } = recordingStore();
    const { admission } = admissionOf(store, {
      heldTokens: {
        limiter,
        checks: [
          { key: 'key:k:tpm', rule, tokens: 150 },
          { key: 'team:t:tpm', rule, tokens: 110 },
        ],
      },
    });
    await admission.trackCompletion(Promise.resolve(response(0.05)));
    // 110 tokens used: the key's check gives 40 back, the team's was exact
    expect(corrections).toEqual([[{ key: 'key:k:tpm', rule, tokens: -40 }]]);

    const released: TokenAdjustment[][] = [];
    const releasing = admissionOf(store, {
      heldTokens: {
        limiter: {
          updateUsages: async (adjustments: readonly TokenAdjustment[]) => released.push([...adjustments]),
        } as unknown as MultiLimitRateLimiter,
        checks: [{ key: 'key:k:tpm', rule, tokens: 150 }],
      },
    });
    releasing.admission.release();
    expect(released).toEqual([[{ key: 'key:k:tpm', rule, tokens: -150 }]]);
  });
});
