import { describe, expect, it } from 'vitest';
import { RETRY_BUDGET_MAX_KEYS, RetryBudget } from './retry-budget.js';

const withdrawAll = (budget: RetryBudget, key: string, nowMs: number): number => {
  let granted = 0;
  while (budget.tryWithdraw(key, nowMs)) granted++;
  return granted;
};

describe('RetryBudget', () => {
  it('allows retries up to ratio × requests plus the per-second reserve over the window', () => {
    const budget = new RetryBudget({ ratio: 0.2, windowMs: 10_000, minRetriesPerSecond: 1 });
    for (let index = 0; index < 1000; index++) budget.recordRequest('openai', 100);
    expect(withdrawAll(budget, 'openai', 100)).toBe(200 + 10);
    expect(budget.usage('openai', 100)).toEqual({ requests: 1000, retries: 210 });
  });

  it('keeps the reserve for low traffic', () => {
    const budget = new RetryBudget({ ratio: 0.2, windowMs: 10_000, minRetriesPerSecond: 1 });
    budget.recordRequest('openai', 0);
    expect(withdrawAll(budget, 'openai', 0)).toBe(10);
  });

  it('refuses everything with no reserve and no ratio', () => {
    const budget = new RetryBudget({ ratio: 0, windowMs: 10_000, minRetriesPerSecond: 0 });
    budget.recordRequest('openai', 0);
    expect(budget.tryWithdraw('openai', 0)).toBe(false);
  });

  it('keeps one budget per key', () => {
    const budget = new RetryBudget({ ratio: 0.5, windowMs: 1000, minRetriesPerSecond: 0 });
    for (let index = 0; index < 10; index++) budget.recordRequest('a', 0);
    expect(withdrawAll(budget, 'b', 0)).toBe(0);
    expect(withdrawAll(budget, 'a', 0)).toBe(5);
    expect(budget.usage('unknown', 0)).toEqual({ requests: 0, retries: 0 });
  });

  it('refills as old requests and retries leave the window', () => {
    const budget = new RetryBudget({ ratio: 0.5, windowMs: 1000, minRetriesPerSecond: 0 });
    for (let index = 0; index < 10; index++) budget.recordRequest('a', 0);
    expect(withdrawAll(budget, 'a', 0)).toBe(5);
    // the requests expired with the retries: no new requests, no new budget
    expect(withdrawAll(budget, 'a', 1500)).toBe(0);
    for (let index = 0; index < 4; index++) budget.recordRequest('a', 1500);
    expect(withdrawAll(budget, 'a', 1500)).toBe(2);
  });

  it('keeps at most maxKeys budgets, forgetting the least recently used key', () => {
    const budget = new RetryBudget({ ratio: 0.5, windowMs: 1000, minRetriesPerSecond: 0, maxKeys: 2 });
    for (let index = 0; index < 4; index++) budget.recordRequest('a', 0);
    budget.recordRequest('b', 0);
    budget.recordRequest('a', 0);
    // c evicts b, used less recently than a
    budget.recordRequest('c', 0);
    expect(budget.size).toBe(2);
    expect(budget.usage('a', 0)).toEqual({ requests: 5, retries: 0 });
    expect(budget.usage('b', 0)).toEqual({ requests: 0, retries: 0 });
  });

  it('stays bounded by default for 10 000 distinct keys', () => {
    const budget = new RetryBudget({ ratio: 0.2, windowMs: 10_000, minRetriesPerSecond: 1 });
    for (let index = 0; index < 10_000; index++) budget.recordRequest(`provider-${index}`, 0);
    expect(budget.size).toBe(RETRY_BUDGET_MAX_KEYS);
  });
});
