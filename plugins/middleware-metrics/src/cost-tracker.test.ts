import { describe, expect, it } from 'vitest';
import { COST_TRACKER_MAX_ROWS, createCostTracker } from './cost-tracker.js';

const usage = (inputTokens: number, outputTokens: number) => ({
  inputTokens,
  outputTokens,
  totalTokens: inputTokens + outputTokens,
});

describe('createCostTracker', () => {
  it('keeps one row per provider, model and caller key, and sums what a filter matches', () => {
    const tracker = createCostTracker();
    const openai = { provider: 'openai', model: 'gpt-4o-mini' };
    tracker.record(
      { ...openai, callerKey: 'acme' },
      { inputUsd: 1, outputUsd: 2, totalUsd: 3 },
      usage(10, 20),
    );
    tracker.record(
      { ...openai, callerKey: 'acme' },
      { inputUsd: 0.5, outputUsd: 0.5, totalUsd: 1 },
      usage(5, 5),
    );
    tracker.record(
      { ...openai, callerKey: 'globex' },
      { inputUsd: 2, outputUsd: 0, totalUsd: 2 },
      usage(7, 0),
    );
    tracker.record({ ...openai, callerKey: undefined }, undefined, usage(1, 1));
    tracker.record(
      { provider: 'anthropic', model: 'claude-sonnet-4', callerKey: 'acme' },
      { inputUsd: 4, outputUsd: 1, totalUsd: 5 },
      usage(3, 3),
    );

    expect(tracker.totals()).toEqual([
      {
        ...openai,
        callerKey: 'acme',
        requests: 2,
        unknownCost: 0,
        inputUsd: 1.5,
        outputUsd: 2.5,
        totalUsd: 4,
        inputTokens: 15,
        outputTokens: 25,
      },
      {
        ...openai,
        callerKey: 'globex',
        requests: 1,
        unknownCost: 0,
        inputUsd: 2,
        outputUsd: 0,
        totalUsd: 2,
        inputTokens: 7,
        outputTokens: 0,
      },
      {
        ...openai,
        callerKey: undefined,
        requests: 1,
        unknownCost: 1,
        inputUsd: 0,
        outputUsd: 0,
        totalUsd: 0,
        inputTokens: 1,
        outputTokens: 1,
      },
      {
        provider: 'anthropic',
        model: 'claude-sonnet-4',
        callerKey: 'acme',
        requests: 1,
        unknownCost: 0,
        inputUsd: 4,
        outputUsd: 1,
        totalUsd: 5,
        inputTokens: 3,
        outputTokens: 3,
      },
    ]);
    expect(tracker.total({ callerKey: 'acme' })).toMatchObject({ requests: 3, totalUsd: 9 });
    expect(tracker.total({ provider: 'openai' })).toMatchObject({ requests: 4, unknownCost: 1, totalUsd: 6 });
    expect(tracker.total({ provider: 'openai', model: 'gpt-4o-mini', callerKey: 'globex' }).totalUsd).toBe(2);
    expect(tracker.total()).toMatchObject({ requests: 5, unknownCost: 1, totalUsd: 11, inputTokens: 26 });
    expect(tracker.total({ provider: 'mistral' })).toMatchObject({ requests: 0, totalUsd: 0 });
  });

  it('returns copies and forgets everything on reset', () => {
    const tracker = createCostTracker();
    const key = { provider: 'openai', model: 'gpt-4o-mini', callerKey: undefined };
    tracker.record(key, { inputUsd: 1, outputUsd: 1, totalUsd: 2 }, usage(1, 1));
    const [row] = tracker.totals();
    (row as { totalUsd: number }).totalUsd = 100;
    expect(tracker.total().totalUsd).toBe(2);
    tracker.reset();
    expect(tracker.totals()).toEqual([]);
    expect(tracker.total().requests).toBe(0);
  });

  it('keeps at most maxRows rows, adding new combinations beyond it to one overflow row', () => {
    const tracker = createCostTracker();
    const cost = { inputUsd: 0.001, outputUsd: 0.002, totalUsd: 0.003 };
    for (let index = 0; index < 20_000; index++)
      tracker.record(
        { provider: 'openai', model: `model-${index}`, callerKey: `caller-${index}` },
        cost,
        usage(1, 2),
      );
    const rows = tracker.totals();
    expect(rows).toHaveLength(COST_TRACKER_MAX_ROWS + 1);
    expect(rows.at(-1)).toMatchObject({
      provider: 'other',
      model: 'other',
      callerKey: 'other',
      requests: 20_000 - COST_TRACKER_MAX_ROWS,
    });
    // nothing is lost: the grand total still counts every completion
    expect(tracker.total()).toMatchObject({ requests: 20_000, inputTokens: 20_000, outputTokens: 40_000 });
    expect(tracker.total().totalUsd).toBeCloseTo(20_000 * 0.003, 9);
    // a row kept before the bound keeps counting as itself
    tracker.record({ provider: 'openai', model: 'model-0', callerKey: 'caller-0' }, cost, usage(1, 2));
    expect(tracker.total({ callerKey: 'caller-0' }).requests).toBe(2);
  });

  it('honours a smaller maxRows, starts over after reset, and validates it', () => {
    const tracker = createCostTracker({ maxRows: 2 });
    for (const callerKey of ['a', 'b', 'c', 'd'])
      tracker.record({ provider: 'p', model: 'm', callerKey }, undefined, usage(1, 1));
    expect(tracker.totals().map((row) => row.callerKey)).toEqual(['a', 'b', 'other']);
    expect(tracker.total({ callerKey: 'other' }).unknownCost).toBe(2);
    tracker.reset();
    tracker.record({ provider: 'p', model: 'm', callerKey: 'e' }, undefined, usage(1, 1));
    expect(tracker.totals().map((row) => row.callerKey)).toEqual(['e']);
    expect(() => createCostTracker({ maxRows: 0 })).toThrow(expect.objectContaining({ path: 'maxRows' }));
  });
});
