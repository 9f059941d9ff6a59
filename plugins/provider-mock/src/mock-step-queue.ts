import type { MockStep } from './mock-script.js';

/** The three kinds of call a script answers. */
export type MockStepOperation = 'completion' | 'embed' | 'count-tokens';

/** Whether `step` can answer a call of `operation` (see `MockStep`). */
export function answers(step: MockStep, operation: MockStepOperation): boolean {
  if (step.type === 'error' || step.type === 'hang') return true;
  if (step.type === 'embedding') return operation === 'embed';
  if (step.type === 'token-count') return operation === 'count-tokens';
  return operation === 'completion';
}

/**
 * The mock's script: steps in order, each taken by the first call that it answers. Only tests
 * fill it, so taking is a scan of the queue.
 */
export class MockStepQueue {
  private readonly steps: MockStep[];

  constructor(initial: readonly MockStep[]) {
    this.steps = [...initial];
  }

  push(steps: readonly MockStep[]): void {
    this.steps.push(...steps);
  }

  /** Removes and returns the first step answering `operation`, if any. */
  take(operation: MockStepOperation): MockStep | undefined {
    const index = this.steps.findIndex((step) => answers(step, operation));
    return index === -1 ? undefined : this.steps.splice(index, 1)[0];
  }
}
