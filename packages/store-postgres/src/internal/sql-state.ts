/** PostgreSQL error codes (SQLSTATE) the store turns into typed errors. */
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
/** What newer servers raise for ON DELETE RESTRICT (older ones raise `FOREIGN_KEY_VIOLATION`). */
export const RESTRICT_VIOLATION = '23001';

/** The SQLSTATE of a database error from either driver; undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
