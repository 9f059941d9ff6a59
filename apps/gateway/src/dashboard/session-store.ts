import { createHash, randomBytes } from 'node:crypto';

/** Most signed-in dashboard sessions kept at once; the least recently used is signed out first. */
export const MAX_DASHBOARD_SESSIONS = 1_000;
/** A session unused this long is signed out. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** A session is signed out this long after sign-in, however busy. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** A signed-in browser. */
export interface DashboardSession {
  /** Sent with every mutation in `x-csrf-token`; the cookie alone never authorizes a change. */
  readonly csrfToken: string;
  /** Epoch ms of sign-in. */
  readonly createdAt: number;
  /** Epoch ms of the last request. */
  lastUsed: number;
}

/** The dashboard's sessions; see `createSessionStore`. */
export interface SessionStore {
  /** Signs a browser in: the session and the id to set as its cookie (the only copy). */
  create(): { readonly id: string; readonly session: DashboardSession };
  /** The live session of a cookie value, marked used; undefined when unknown or expired. */
  find(id: string): DashboardSession | undefined;
  /** Signs out. */
  remove(id: string): void;
  readonly size: number;
}

/** Options of `createSessionStore`. */
export interface SessionStoreOptions {
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
  readonly idleMs?: number;
  readonly lifetimeMs?: number;
  readonly capacity?: number;
}

/**
 * Server-side sessions in memory: the cookie carries 256 random bits, the map is keyed by their
 * SHA-256 (a lookup's timing says nothing about stored ids, and a memory dump holds no usable
 * cookie). Bounded by `capacity` (default `MAX_DASHBOARD_SESSIONS`): map order is recency, the
 * least recently used session is dropped when a new one needs room, and expired ones are dropped
 * when met. A restart signs everyone out, which suits an admin console.
 */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? SESSION_IDLE_MS;
  const lifetimeMs = options.lifetimeMs ?? SESSION_LIFETIME_MS;
  const capacity = options.capacity ?? MAX_DASHBOARD_SESSIONS;
  const sessions = new Map<string, DashboardSession>();
  const digest = (id: string): string => createHash('sha256').update(id).digest('base64url');

  return {
    create() {
      const id = randomBytes(32).toString('base64url');
      const time = now();
      const session: DashboardSession = {
        csrfToken: randomBytes(32).toString('base64url'),
        createdAt: time,
        lastUsed: time,
      };
      while (sessions.size >= capacity) sessions.delete(sessions.keys().next().value as string);
      sessions.set(digest(id), session);
      return { id, session };
    },
    find(id) {
      const key = digest(id);
      const session = sessions.get(key);
      if (session === undefined) return undefined;
      const time = now();
      if (time - session.lastUsed >= idleMs || time - session.createdAt >= lifetimeMs) {
        sessions.delete(key);
        return undefined;
      }
      session.lastUsed = time;
      sessions.delete(key);
      sessions.set(key, session);
      return session;
    },
    remove(id) {
      sessions.delete(digest(id));
    },
    get size() {
      return sessions.size;
    },
  };
}
