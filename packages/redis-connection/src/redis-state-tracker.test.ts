import { describe, expect, it } from 'vitest';
import type { RedisConnectionState } from './redis-connection-state.js';
import { RedisStateTracker } from './redis-state-tracker.js';

describe('RedisStateTracker', () => {
  it('reports each transition once, with the error of a down, and nothing after stop', () => {
    const seen: [RedisConnectionState, string | undefined][] = [];
    const tracker = new RedisStateTracker((state, error) => seen.push([state, error?.message]));
    tracker.up();
    tracker.down(new Error('refused'));
    tracker.down(new Error('refused again'));
    tracker.up();
    tracker.down('lost');
    tracker.stop();
    tracker.up();
    expect(seen).toEqual([
      ['down', 'refused'],
      ['up', undefined],
      ['down', 'lost'],
    ]);
    expect(tracker.state).toBe('down');
  });

  it('ignores an observer that throws', () => {
    const tracker = new RedisStateTracker(() => {
      throw new Error('broken logger');
    });
    expect(() => tracker.down(new Error('refused'))).not.toThrow();
    expect(tracker.state).toBe('down');
  });
});
