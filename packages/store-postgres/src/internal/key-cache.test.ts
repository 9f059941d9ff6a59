import { describe, expect, it } from 'vitest';
import type { AuthenticatedKey } from '../model/authentication.js';
import { KeyCache, type KeyLookup } from './key-cache.js';

function lookup(keyId: string, teamId?: string): KeyLookup {
  return {
    authenticated: {
      status: 'ok',
      key: { id: keyId } as AuthenticatedKey['key'],
      team: teamId === undefined ? undefined : ({ id: teamId } as AuthenticatedKey['team']),
    },
    secretRevokedAt: null,
    loadedAt: 0,
  };
}

const unknown: KeyLookup = { authenticated: undefined, secretRevokedAt: null, loadedAt: 0 };

describe('KeyCache', () => {
  it('does not cache a lookup that started before an invalidation (it may hold the old row)', () => {
    const cache = new KeyCache(10);
    const started = cache.generation;
    cache.invalidateKey('k1');
    cache.set('hash', lookup('k1'), started);
    expect(cache.get('hash')).toBeUndefined();
    cache.set('hash', lookup('k1'), cache.generation);
    expect(cache.get('hash')).toBeDefined();
  });

  it('evicts a key by id, and every key of a team by team id', () => {
    const cache = new KeyCache(10);
    cache.set('a', lookup('k1', 't1'), cache.generation);
    cache.set('b', lookup('k2', 't1'), cache.generation);
    cache.set('c', lookup('k3', 't2'), cache.generation);
    cache.invalidateKey('k3');
    expect(cache.get('c')).toBeUndefined();
    cache.invalidateTeam('t1');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, undefined]);
  });

  it('bounds known and unknown secrets separately, so a flood of bad keys cannot evict real ones', () => {
    const cache = new KeyCache(2);
    cache.set('real-1', lookup('k1'), cache.generation);
    cache.set('real-2', lookup('k2'), cache.generation);
    for (let index = 0; index < 100; index++) cache.set(`junk-${index}`, unknown, cache.generation);
    expect(cache.get('real-1')).toBeDefined();
    expect(cache.get('real-2')).toBeDefined();
    expect(cache.count).toBe(4);
    cache.set('real-3', lookup('k3'), cache.generation);
    // oldest inserted goes first
    expect(cache.get('real-1')).toBeUndefined();
    cache.forgetUnknown();
    expect(cache.get('junk-99')).toBeUndefined();
  });

  it('answers the newest lookup of a secret, whether it found a key or not', () => {
    const cache = new KeyCache(10);
    cache.set('hash', lookup('k1'), cache.generation);
    // the key went away without a change this replica heard: the reload finds nothing
    cache.set('hash', { ...unknown, loadedAt: 5 }, cache.generation);
    expect(cache.get('hash')).toEqual({ ...unknown, loadedAt: 5 });
    cache.set('hash', lookup('k2'), cache.generation);
    expect(cache.get('hash')?.authenticated?.key.id).toBe('k2');
    expect(cache.count).toBe(1);
  });
});
