import { describe, expect, it } from 'vitest';
import { recordStateChanges } from './record-state-changes.js';

describe('recordStateChanges', () => {
  it('records each call with its argument count, and resolves next() at the following call', async () => {
    const recorder = recordStateChanges<'up' | 'down'>();
    const next = recorder.next();
    const lost = new Error('refused');
    recorder.onStateChange('down', lost);
    await next;
    recorder.onStateChange('up');
    expect(recorder.changes).toEqual([
      { state: 'down', error: lost, arguments: 2 },
      { state: 'up', error: undefined, arguments: 1 },
    ]);
  });
});
