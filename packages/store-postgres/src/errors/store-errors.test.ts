import { describe, expect, it } from 'vitest';
import { BUDGET_EXCEEDED_CODE, budgetExceededError } from './store-errors.js';

describe('budgetExceededError', () => {
  it('is quota_exceeded naming the budget, waiting until the period renews', () => {
    const now = Date.UTC(2030, 0, 31, 23, 0, 0);
    const error = budgetExceededError(
      {
        admitted: false,
        reason: 'team_budget',
        budget: 5,
        committed: 5,
        periodEnd: new Date(Date.UTC(2030, 1, 1)),
      },
      now,
    );
    expect(error).toMatchObject({
      code: 'quota_exceeded',
      providerCode: BUDGET_EXCEEDED_CODE,
      retryable: false,
      retryAfterMs: 3_600_000,
    });
    expect(error.message).toContain("team's budget");
    expect(
      budgetExceededError({ admitted: false, reason: 'key_budget', budget: 1, committed: 1 }).retryAfterMs,
    ).toBeUndefined();
  });

  it('answers a key revoked or expired since authentication as an authentication failure', () => {
    expect(budgetExceededError({ admitted: false, reason: 'key_revoked' })).toMatchObject({
      code: 'authentication',
    });
  });
});
