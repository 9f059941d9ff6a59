import { describe, expect, it, vi } from 'vitest';
import { closeRedisClient } from './close-redis-client.js';

function fakeClient(close: () => Promise<unknown>) {
  const client = {
    isOpen: true,
    close,
    destroy: vi.fn(() => {
      client.isOpen = false;
    }),
  };
  return client;
}

describe('closeRedisClient', () => {
  it('destroys a client whose graceful close does not finish within the grace period', async () => {
    vi.useFakeTimers();
    try {
      const client = fakeClient(() => new Promise(() => {}));
      const closing = closeRedisClient(client, 500);
      await vi.advanceTimersByTimeAsync(500);
      await closing;
      expect(client.destroy).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never rejects, and leaves a closed client alone', async () => {
    const failing = fakeClient(() => Promise.reject(new Error('broken socket')));
    await expect(closeRedisClient(failing, 500)).resolves.toBeUndefined();
    expect(failing.destroy).toHaveBeenCalledTimes(1);
    const closed = { ...fakeClient(() => Promise.resolve()), isOpen: false };
    await closeRedisClient(closed, 500);
    expect(closed.destroy).not.toHaveBeenCalled();
  });
});
