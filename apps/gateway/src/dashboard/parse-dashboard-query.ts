import { GatewayRequestError } from '../errors/gateway-request-error.js';
import { RECENT_REQUESTS_CAPACITY, type RecentRequestFilter } from './recent-requests.js';

/** Default step of the overview's series, and its bounds, in seconds. */
export const OVERVIEW_STEP_SECONDS = { default: 30, min: 10, max: 600 } as const;
const MAX_FILTER_LENGTH = 256;

type Query = Readonly<Record<string, unknown>> | undefined;

/**
 * `step` of `GET /ui/api/overview`, in seconds (10 to 600, default 30), as milliseconds.
 *
 * @throws GatewayRequestError 400 naming `step`.
 */
export function parseStepMs(query: unknown): number {
  const raw = (query as Query)?.step;
  if (raw === undefined) return OVERVIEW_STEP_SECONDS.default * 1000;
  const step = Number(raw);
  if (!Number.isInteger(step) || step < OVERVIEW_STEP_SECONDS.min || step > OVERVIEW_STEP_SECONDS.max) {
    throw invalid(
      'step',
      `an integer from ${OVERVIEW_STEP_SECONDS.min} to ${OVERVIEW_STEP_SECONDS.max} (seconds)`,
    );
  }
  return step * 1000;
}

/**
 * Filters of `GET /ui/api/requests`: `key`, `model`, `path` (strings up to 256 characters),
 * `status` (`ok`, `error` or a status code), `limit` (1 to 1,000).
 *
 * @throws GatewayRequestError 400 naming the field.
 */
export function parseRequestFilter(query: unknown): RecentRequestFilter {
  const values = (query as Query) ?? {};
  const filter: { -readonly [K in keyof RecentRequestFilter]: RecentRequestFilter[K] } = {};
  for (const field of ['key', 'model', 'path'] as const) {
    const value = values[field];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || value.length > MAX_FILTER_LENGTH)
      throw invalid(field, `a string of at most ${MAX_FILTER_LENGTH} characters`);
    filter[field] = value;
  }
  const status = values.status;
  if (status !== undefined && status !== '') {
    if (status === 'ok' || status === 'error') filter.status = status;
    else if (typeof status === 'string' && /^[1-5][0-9]{2}$/.test(status)) filter.status = Number(status);
    else throw invalid('status', '"ok", "error" or an HTTP status code');
  }
  const limit = values.limit;
  if (limit !== undefined && limit !== '') {
    const count = Number(limit);
    if (!Number.isInteger(count) || count < 1 || count > RECENT_REQUESTS_CAPACITY)
      throw invalid('limit', `an integer from 1 to ${RECENT_REQUESTS_CAPACITY}`);
    filter.limit = count;
  }
  return filter;
}

function invalid(field: string, expected: string): GatewayRequestError {
  return new GatewayRequestError('invalid_request', 400, `Invalid request: '${field}' must be ${expected}.`, {
    field,
  });
}
