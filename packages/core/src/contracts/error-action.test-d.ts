// Type tests (tsc and `vitest --typecheck`): ErrorAction values and the onError hook that returns them.
import { expectTypeOf } from 'vitest';
import { ErrorAction } from './error-action.js';
import type { Middleware } from './middleware.js';

// the factories build the union's members
expectTypeOf(ErrorAction.retry()).toEqualTypeOf<ErrorAction>();
expectTypeOf(ErrorAction.retry(250)).toEqualTypeOf<ErrorAction>();
expectTypeOf(ErrorAction.fallback('anthropic/claude-haiku-4-5')).toEqualTypeOf<ErrorAction>();
expectTypeOf(ErrorAction.propagate()).toEqualTypeOf<ErrorAction>();
expectTypeOf(ErrorAction.fail()).toEqualTypeOf<ErrorAction>();

// the union is discriminated by `type`: narrowing reaches each member's fields
declare const action: ErrorAction;
if (action.type === 'retry') expectTypeOf(action.delayMs).toEqualTypeOf<number | undefined>();
if (action.type === 'fallback') expectTypeOf(action.target).toEqualTypeOf<string | undefined>();
expectTypeOf<ErrorAction['type']>().toEqualTypeOf<'retry' | 'fallback' | 'propagate' | 'fail'>();

// @ts-expect-error no such action: control flow is a closed set
const unknown: ErrorAction = { type: 'ignore' };
// @ts-expect-error delayMs is milliseconds as a number
const late: ErrorAction = { type: 'retry', delayMs: '5s' };

// onError may return an action, nothing (propagate), or a promise of either
const decides: Middleware = {
  name: 'decides',
  onError: (error) => (error.retryable ? ErrorAction.retry(10) : undefined),
};
const decidesLater: Middleware = { name: 'later', onError: async () => ErrorAction.fail() };
const observes: Middleware = { name: 'observes', onError: () => {} };
// @ts-expect-error a string is not an action
const wrong: Middleware = { name: 'wrong', onError: () => 'retry' };

export { decides, decidesLater, late, observes, unknown, wrong };
