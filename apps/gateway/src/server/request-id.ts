import { randomUUID } from 'node:crypto';

/** Longest `x-request-id` the gateway forwards and logs. */
export const MAX_REQUEST_ID_LENGTH = 128;
// letters, digits and the punctuation of UUIDs, ULIDs and trace ids: nothing a log line or an
// upstream header could misread
const SAFE_REQUEST_ID = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,${MAX_REQUEST_ID_LENGTH - 1}}$`);

/**
 * The request id of one call: the client's `x-request-id` when it is at most 128 characters of
 * a safe charset (letters, digits, `.`, `_`, `:`, `-`), otherwise a fresh UUID. It is forwarded
 * upstream, logged, and echoed in the response's `x-request-id`.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}
