import { fixtureReader } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapAnthropicStreamError } from './map-anthropic-stream-error.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const errorBodies = fixtureReader(new URL('./__fixtures__/', import.meta.url)).json<Record<string, object>>(
  'error-bodies.json',
);

function failure(status: number, bodyJson: unknown, headers: Record<string, string> = {}) {
  return { status, headers, bodyText: JSON.stringify(bodyJson), bodyJson };
}

describe('mapAnthropicError', () => {
  it('waits for the exhausted request allowance after a 429 without retry-after', () => {
    const error = mapAnthropicError(
      failure(429, errorBodies.rate_limit_error, {
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': '2025-06-01T12:00:20Z',
        'anthropic-ratelimit-tokens-remaining': '5000',
        'anthropic-ratelimit-tokens-reset': '2025-06-01T12:00:50Z',
      }),
      NOW,
    );
    expect(error.retryAfterMs).toBe(20_000);
  });

  it('waits for the latest reset when the headers do not say which allowance ran out', () => {
    const error = mapAnthropicError(
      failure(429, errorBodies.rate_limit_error, {
        'anthropic-ratelimit-requests-reset': '2025-06-01T12:00:20Z',
        'anthropic-ratelimit-output-tokens-reset': '2025-06-01T12:00:45Z',
      }),
      NOW,
    );
    expect(error.retryAfterMs).toBe(45_000);
  });

  it('prefers retry-after over reset headers', () => {
    const error = mapAnthropicError(
      failure(429, errorBodies.rate_limit_error, {
        'retry-after': '3',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': '2025-06-01T12:00:20Z',
      }),
      NOW,
    );
    expect(error.retryAfterMs).toBe(3000);
  });

  it('classifies a 413 HTML page from the edge as invalid_request', () => {
    const error = mapAnthropicError({
      status: 413,
      headers: { 'content-type': 'text/html' },
      bodyText: '<html><body>413 Request Entity Too Large</body></html>',
    });
    expect(error.code).toBe('invalid_request');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('HTTP 413: Payload Too Large');
  });

  // https://platform.claude.com/docs/en/api/errors: each status with its documented type
  const DOCUMENTED = [
    [402, 'billing_error', 'quota_exceeded', false],
    [403, 'permission_error', 'permission', false],
    [409, 'conflict_error', 'invalid_request', false],
    [504, 'timeout_error', 'timeout', true],
    [529, 'overloaded_error', 'overloaded', true],
  ] as const;

  for (const [status, type, code, retryable] of DOCUMENTED) {
    it(`classifies ${status} ${type} as ${code} as Anthropic documents it`, () => {
      const error = mapAnthropicError(failure(status, { type: 'error', error: { type, message: 'm' } }));
      expect(error).toMatchObject({ code, retryable, status, providerCode: type, providerId: 'anthropic' });
    });
  }

  it('takes the code from the status, also for an undocumented one or an unknown type', () => {
    expect(
      mapAnthropicError(failure(408, { type: 'error', error: { type: 'x', message: 'slow' } })).code,
    ).toBe('timeout');
    expect(
      mapAnthropicError(failure(503, { type: 'error', error: { type: 'brand_new_error', message: 'x' } })),
    ).toMatchObject({ code: 'provider', retryable: true });
  });

  it('recognises a prompt that does not fit the context window', () => {
    const error = mapAnthropicError(
      failure(400, {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000',
        },
      }),
    );
    expect(error).toMatchObject({ code: 'context_length_exceeded', retryable: false, status: 400 });
  });

  it('does not retry a redirect', () => {
    const error = mapAnthropicError({
      status: 302,
      headers: { location: 'https://elsewhere' },
      bodyText: '',
    });
    expect(error.retryable).toBe(false);
  });
});

describe('mapAnthropicStreamError', () => {
  it('maps error events like HTTP errors, without a status', () => {
    const overloaded = mapAnthropicStreamError({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(overloaded).toMatchObject({ code: 'overloaded', retryable: true, status: undefined });
    const tooLong = mapAnthropicStreamError({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'prompt is too long: 208367 tokens > 200000 maximum' },
    });
    expect(tooLong.code).toBe('context_length_exceeded');
    expect(mapAnthropicStreamError({ type: 'error' }).code).toBe('provider');
    expect(
      mapAnthropicStreamError({
        type: 'error',
        error: { type: 'timeout_error', message: 'Request timed out' },
      }),
    ).toMatchObject({ code: 'timeout', retryable: true });
    // an inherited property name is no documented type
    expect(mapAnthropicStreamError({ type: 'error', error: { type: 'constructor' } }).code).toBe('provider');
  });

  it('masks the configured secret and credential shapes', () => {
    const error = mapAnthropicStreamError(
      {
        type: 'error',
        error: {
          type: 'api_error',
          message: 'key my-private-key-1234 and sk-ant-api03-AbCdEfGhIjKlMnOpQrSt',
        },
      },
      ['my-private-key-1234'],
    );
    expect(error.message).not.toContain('my-private-key-1234');
    expect(error.message).not.toContain('sk-ant-api03-AbCdEfGhIjKlMnOpQrSt');
  });
});
