import { describe, expect, it, vi } from 'vitest';
import { ChangeFeed } from './change-feed.js';

describe('ChangeFeed', () => {
  it('decodes changes from other stores and ignores its own echo and malformed payloads', () => {
    const mine = new ChangeFeed('me', () => undefined);
    const theirs = new ChangeFeed('them', () => undefined);
    const payload = theirs.encode({ kind: 'key', id: 'k1', action: 'revoked' });
    expect(mine.decode(payload)).toEqual({ kind: 'key', id: 'k1', action: 'revoked' });
    expect(mine.decode(mine.encode({ kind: 'team', id: 't1', action: 'updated' }))).toBeUndefined();
    for (const junk of [
      '',
      'x|key|revoked',
      'x|key|exploded|k1',
      'x|user|updated|u',
      'x|key|revoked|k1|more',
    ]) {
      expect(mine.decode(junk)).toBeUndefined();
    }
  });

  it('keeps telling the other listeners when one throws, and reports it', () => {
    const report = vi.fn();
    const feed = new ChangeFeed('me', report);
    const after = vi.fn();
    feed.subscribe(() => {
      throw new Error('listener bug');
    });
    const stop = feed.subscribe(after);
    feed.emit({ kind: 'resync' });
    expect(after).toHaveBeenCalledTimes(1);
    expect(report).toHaveBeenCalledTimes(1);
    stop();
    feed.emit({ kind: 'resync' });
    expect(after).toHaveBeenCalledTimes(1);
  });
});
