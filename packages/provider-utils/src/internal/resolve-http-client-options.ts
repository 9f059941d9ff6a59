import { ConfigError, type ConfigIssue, type ConnectorError } from '@hub/core';
import { Agent, type Dispatcher } from 'undici';
import { errorFromStatus } from '../error-from-status.js';
import type { HttpClientOptions } from '../http-client.js';
import type { HttpFailure } from '../http-failure.js';
import { isSensitiveHeaderName } from './is-sensitive-header-name.js';

/** `HttpClientOptions` validated, with everything a request needs computed once. */
export interface ResolvedHttpClientOptions {
  readonly providerId: string;
  /** `https://host:port`, as undici's `origin` option wants it. */
  readonly origin: string;
  /** The base URL's path without a trailing slash (`/v1`, or empty). */
  readonly basePath: string;
  /** The base URL's query without `?`, or empty. */
  readonly baseQuery: string;
  /** Default headers with lowercase names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Default headers plus `content-type: application/json`, for requests with a body. */
  readonly jsonHeaders: Readonly<Record<string, string>>;
  readonly dispatcher: Dispatcher;
  readonly ownsDispatcher: boolean;
  readonly timeoutMs: number;
  readonly firstByteTimeoutMs: number | null;
  readonly idleTimeoutMs: number | null;
  readonly mapError: (failure: HttpFailure) => ConnectorError;
  readonly maxErrorBodyBytes: number;
  /** Credential values to mask out of error messages. */
  readonly secrets: readonly string[];
}

const DEFAULT_CONNECTIONS = 128;
const DEFAULT_MAX_ERROR_BODY_BYTES = 64 * 1024;
// masking very short values would mangle ordinary words in messages
const MIN_SECRET_LENGTH = 8;

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function addSecret(secrets: string[], value: string): void {
  if (value.length >= MIN_SECRET_LENGTH) secrets.push(value);
  // `Bearer <token>`: the token alone may be echoed too
  const space = value.indexOf(' ');
  if (space !== -1) {
    const token = value.slice(space + 1).trim();
    if (token.length >= MIN_SECRET_LENGTH) secrets.push(token);
  }
}

/**
 * Validates `HttpClientOptions` before any I/O and precomputes what every request reuses.
 *
 * @throws ConfigError listing every invalid field, with `path` naming the first.
 */
export function resolveHttpClientOptions(options: HttpClientOptions): ResolvedHttpClientOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('HTTP client options must be an object');
  }
  const issues: ConfigIssue[] = [];
  const { providerId } = options;
  if (typeof providerId !== 'string' || providerId === '') {
    issues.push({ path: 'providerId', message: 'must be a non-empty string' });
  }

  let url: URL | undefined;
  if (typeof options.baseUrl === 'string' && URL.canParse(options.baseUrl)) url = new URL(options.baseUrl);
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // the value itself is not echoed: it may carry a key in its query string
    issues.push({ path: 'baseUrl', message: 'must be an absolute http:// or https:// URL' });
    url = undefined;
  } else if (url.username !== '' || url.password !== '') {
    issues.push({ path: 'baseUrl', message: 'must not contain credentials; send them in headers' });
  }

  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  if (options.headers !== undefined) {
    if (typeof options.headers !== 'object' || options.headers === null) {
      issues.push({ path: 'headers', message: 'must be an object of header names to string values' });
    } else {
      for (const [name, value] of Object.entries(options.headers)) {
        if (typeof value !== 'string' || /[\r\n]/.test(value)) {
          issues.push({ path: `headers.${name}`, message: 'must be a string without line breaks' });
          continue;
        }
        headers[name.toLowerCase()] = value;
        if (isSensitiveHeaderName(name)) addSecret(secrets, value);
      }
    }
  }
  if (url !== undefined) {
    for (const [name, value] of url.searchParams) {
      if (isSensitiveHeaderName(name)) addSecret(secrets, value);
    }
  }

  const { dispatcher } = options;
  if (dispatcher !== undefined && typeof (dispatcher as { request?: unknown }).request !== 'function') {
    issues.push({ path: 'dispatcher', message: 'must be an undici Dispatcher (Agent, Pool, …)' });
  }
  const connections = options.connections ?? DEFAULT_CONNECTIONS;
  if (!isNonNegativeInteger(connections) || connections === 0) {
    issues.push({ path: 'connections', message: 'must be a positive integer' });
  }
  for (const field of ['timeoutMs', 'firstByteTimeoutMs', 'idleTimeoutMs'] as const) {
    const value = options[field];
    if (value !== undefined && !isNonNegativeInteger(value)) {
      issues.push({ path: field, message: 'must be a non-negative integer of milliseconds (0 disables it)' });
    }
  }
  if (options.mapError !== undefined && typeof options.mapError !== 'function') {
    issues.push({ path: 'mapError', message: 'must be a function' });
  }
  const maxErrorBodyBytes = options.maxErrorBodyBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES;
  if (!isNonNegativeInteger(maxErrorBodyBytes) || maxErrorBodyBytes === 0) {
    issues.push({ path: 'maxErrorBodyBytes', message: 'must be a positive integer' });
  }
  if (issues.length > 0 || url === undefined) throw ConfigError.fromIssues('HTTP client options', issues);

  const basePath = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
  return {
    providerId,
    origin: url.origin,
    basePath,
    baseQuery: url.search.slice(1),
    headers,
    // a caller's own content-type (e.g. with a charset) wins
    jsonHeaders: { 'content-type': 'application/json', ...headers },
    dispatcher: dispatcher ?? new Agent({ connections, pipelining: 1 }),
    ownsDispatcher: dispatcher === undefined,
    timeoutMs: options.timeoutMs ?? 0,
    firstByteTimeoutMs: options.firstByteTimeoutMs ?? null,
    idleTimeoutMs: options.idleTimeoutMs ?? null,
    mapError: options.mapError ?? ((failure) => errorFromStatus({ ...failure, providerId })),
    maxErrorBodyBytes,
    secrets,
  };
}
