import { describe, expect, it } from 'vitest';
import { untilAborted } from './until-aborted.js';

describe('untilAborted', () => {
  it('settles with the promise while the signal stays quiet', async () => {
    expect(await untilAborted(Promise.resolve(7), new AbortController().signal)).toBe(7);
    await expect(untilAborted(Promise.reject(new Error('boom')), undefined)).rejects.toThrow('boom');
  });

  it('rejects at once on abort, leaving the shared promise running', async () => {
    let release: (value: string) => void = () => {};
    const shared = new Promise<string>((resolve) => {
      release = resolve;
    });
    const controller = new AbortController();
    const waiting = untilAborted(shared, controller.signal, () => new Error('cancelled'));
    controller.abort();
    await expect(waiting).rejects.toThrow('cancelled');
    release('still delivered');
    expect(await shared).toBe('still delivered');
    const aborted = AbortSignal.abort(new Error('already'));
    await expect(untilAborted(shared, aborted)).rejects.toThrow('already');
  });
});
