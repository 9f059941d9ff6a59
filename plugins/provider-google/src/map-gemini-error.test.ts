import { describe, expect, it } from 'vitest';
import { mapGeminiError } from './map-gemini-error.js';
import { fixtures } from './test-support/fixtures.js';

type ErrorFixtures = Record<string, { status: number; body: unknown }>;
const errors = fixtures.json<ErrorFixtures>('errors.json');

function failureOf(name: string, headers: Record<string, string> = {}) {
  const fixture = errors[name];
  if (fixture === undefined) throw new Error(name);
  return { status: fixture.status, headers, bodyText: JSON.stringify(fixture.body), bodyJson: fixture.body };
}

describe('mapGeminiError', () => {
  it('classifies an invalid API key (400 INVALID_ARGUMENT + API_KEY_INVALID) as authentication', () => {
    const error = mapGeminiError(failureOf('apiKeyInvalid'), 'google');
    expect(error).toMatchObject({
      code: 'authentication',
      status: 400,
      providerCode: 'API_KEY_INVALID',
      retryable: false,
    });
    expect(error.message).toBe('HTTP 400: INVALID_ARGUMENT: API key not valid. Please pass a valid API key.');
  });

  it('reads RetryInfo before Retry-After, and the status as providerCode', () => {
    const error = mapGeminiError(failureOf('rateLimit', { 'retry-after': '99' }), 'google-vertex');
    expect(error).toMatchObject({
      code: 'rate_limit',
      retryAfterMs: 30_000,
      providerCode: 'RESOURCE_EXHAUSTED',
      providerId: 'google-vertex',
    });
    expect(mapGeminiError(failureOf('rateLimitFractional'), 'google').retryAfterMs).toBe(1_500);
  });

  it('recognises prompt-too-long messages as context_length_exceeded', () => {
    expect(mapGeminiError(failureOf('tokenLimit'), 'google').code).toBe('context_length_exceeded');
  });

  it('reads an error wrapped in an array (streamGenerateContent without alt=sse)', () => {
    const body = [errors.notFound?.body];
    const error = mapGeminiError(
      { status: 404, headers: {}, bodyText: JSON.stringify(body), bodyJson: body },
      'google',
    );
    expect(error).toMatchObject({ code: 'not_found', providerCode: 'NOT_FOUND' });
  });

  it('falls back to the HTTP status for bodies that are not Google errors', () => {
    const gateway = mapGeminiError(
      { status: 502, headers: {}, bodyText: '<html>Bad Gateway</html>' },
      'google',
    );
    expect(gateway).toMatchObject({ code: 'provider', retryable: true, status: 502 });
    const plain = mapGeminiError({ status: 401, headers: {}, bodyText: 'nope' }, 'google');
    expect(plain.code).toBe('authentication');
  });

  it('masks anything shaped like a Google key or token in the message', () => {
    const body = {
      error: {
        code: 400,
        message: 'Key AIzaSyA1234567890abcdefghijklmnopqrstuv rejected',
        status: 'INVALID_ARGUMENT',
      },
    };
    const error = mapGeminiError(
      { status: 400, headers: {}, bodyText: JSON.stringify(body), bodyJson: body },
      'google',
    );
    expect(error.message).not.toContain('AIzaSyA1234567890');
    expect(error.message).toContain('[REDACTED]');
  });

  it('keeps the kit table where Google documents nothing else (402, 408, 409) and overrides 499, 501, 504', () => {
    const codeOf = (status: number, googleStatus: string) => {
      const body = { error: { code: status, message: 'scripted', status: googleStatus } };
      return mapGeminiError(
        { status, headers: {}, bodyText: JSON.stringify(body), bodyJson: body },
        'google',
      );
    };
    expect(codeOf(402, 'FAILED_PRECONDITION')).toMatchObject({ code: 'quota_exceeded', retryable: false });
    expect(codeOf(408, 'DEADLINE_EXCEEDED')).toMatchObject({ code: 'timeout', retryable: true });
    expect(codeOf(409, 'ABORTED')).toMatchObject({ code: 'provider', retryable: true });
    expect(codeOf(499, 'CANCELLED')).toMatchObject({ code: 'timeout', retryable: true });
    expect(codeOf(501, 'UNIMPLEMENTED')).toMatchObject({ code: 'unsupported', retryable: false });
    expect(codeOf(504, 'DEADLINE_EXCEEDED')).toMatchObject({ code: 'timeout', retryable: true });
  });
});
