import { describe, expect, it } from 'vitest';
import { createSessionStore } from './session-store.js';

describe('createSessionStore', () => {
  it('finds a session by its cookie value only, with a CSRF token of its own', () => {
    const sessions = createSessionStore();
    const first = sessions.create();
    const second = sessions.create();
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.session.csrfToken).not.toBe(second.session.csrfToken);
    expect(sessions.find(first.id)).toBe(first.session);
    expect(sessions.find(first.session.csrfToken)).toBeUndefined();
    expect(sessions.find(`${first.id}x`)).toBeUndefined();
    sessions.remove(first.id);
    expect(sessions.find(first.id)).toBeUndefined();
    expect(sessions.find(second.id)).toBe(second.session);
  });

  it('signs out after the idle time, and after the lifetime however busy', () => {
    let time = 0;
    const sessions = createSessionStore({ now: () => time, idleMs: 1_000, lifetimeMs: 5_000 });
    const idle = sessions.create();
    const busy = sessions.create();
    time = 900;
    expect(sessions.find(busy.id)).toBeDefined();
    time = 1_000;
    expect(sessions.find(idle.id)).toBeUndefined();
    for (time = 1_800; time < 5_000; time += 800) expect(sessions.find(busy.id)).toBeDefined();
    time = 5_000;
    expect(sessions.find(busy.id)).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it('holds at most `capacity` sessions, dropping the least recently used', () => {
    const sessions = createSessionStore({ capacity: 2 });
    const first = sessions.create();
    const second = sessions.create();
    expect(sessions.find(first.id)).toBeDefined(); // first is now the most recently used
    const third = sessions.create();
    expect(sessions.size).toBe(2);
    expect(sessions.find(second.id)).toBeUndefined();
    expect(sessions.find(first.id)).toBeDefined();
    expect(sessions.find(third.id)).toBeDefined();
  });
});
