import { describe, expect, it } from 'vitest';
import { BREAKDOWN_CLIENTS, legsOf } from './run-legs.js';

describe('legsOf', () => {
  it('prices every middleware of the full breakdown against a bare hub measured first, in both modes', () => {
    const { features } = legsOf(false);
    expect(features.map((leg) => [leg.mode, leg.writes])).toEqual([
      ['complete', 'burst'],
      ['stream', 'per-event'],
    ]);
    for (const leg of features) {
      expect(leg.clients[0]).toBe('hub-bare');
      expect(leg.clients).toEqual(expect.arrayContaining([...BREAKDOWN_CLIENTS]));
    }
  });

  it('measures the floor first in every client leg, so each ratio has its base', () => {
    for (const quick of [false, true]) {
      for (const leg of legsOf(quick).clients) expect(leg.clients[0]).toBe('floor');
    }
  });

  it('keeps the quick run to fewer scenarios than the full one, every feature leg starting bare', () => {
    const count = (quick: boolean) =>
      [...legsOf(quick).clients, ...legsOf(quick).features].reduce((sum, leg) => sum + leg.clients.length, 0);
    expect(count(true)).toBeLessThan(count(false));
    for (const leg of legsOf(true).features) expect(leg.clients[0]).toBe('hub-bare');
    // per-event streams stay in the smoke test through the client legs
    expect(legsOf(true).clients.some((leg) => leg.writes === 'per-event')).toBe(true);
  });
});
