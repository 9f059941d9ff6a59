import { describe, expect, it } from 'vitest';
import { errorFromStatus } from './error-from-status.js';

const base = { headers: {}, bodyText: '' };

describe('errorFromStatus', () => {
  it('uses the reason phrase when the body says nothing', () => {
    const error = errorFromStatus({ ...base, status: 503, providerId: 'acme' });
    expect(error.message).toBe('HTTP 503: Service Unavailable');
    expect(error.code).toBe('provider');
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(503);
    expect(error.providerId).toBe('acme');
  });

  it('reads OpenAI, Anthropic and Google error envelopes', () => {
    const openai = errorFromStatus({
      ...base,
      status: 429,
      bodyJson: {
        error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: null },
      },
    });
    expect(openai.message).toBe('HTTP 429: You exceeded your current quota');
    expect(openai.providerCode).toBe('insufficient_quota');

    const anthropic = errorFromStatus({
      ...base,
      status: 529,
      providerId: 'anthropic',
      bodyJson: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    expect(anthropic.code).toBe('overloaded');
    expect(anthropic.providerCode).toBe('overloaded_error');
    expect(anthropic.message).toBe('HTTP 529: Overloaded');

    const google = errorFromStatus({
      ...base,
      status: 400,
      bodyJson: [{ error: { code: 400, message: 'API key not valid.', status: 'INVALID_ARGUMENT' } }],
    });
    expect(google.providerCode).toBe('INVALID_ARGUMENT');
    expect(google.message).toBe('HTTP 400: API key not valid.');
  });

  it('prefers the message and code the provider mapper passes', () => {
    const error = errorFromStatus({
      ...base,
      status: 400,
      providerId: 'acme',
      message: 'context too long',
      providerCode: 'context_length_exceeded',
      bodyJson: { error: { message: 'ignored', code: 'ignored' } },
    });
    expect(error.message).toBe('HTTP 400: context too long');
    expect(error.providerCode).toBe('context_length_exceeded');
  });

  it('uses a short plain-text body but not an HTML page', () => {
    expect(errorFromStatus({ ...base, status: 502, bodyText: 'upstream connect error' }).message).toBe(
      'HTTP 502: upstream connect error',
    );
    expect(errorFromStatus({ ...base, status: 502, bodyText: '<html><body>Bad</body></html>' }).message).toBe(
      'HTTP 502: Bad Gateway',
    );
  });

  it('caps long provider messages', () => {
    const error = errorFromStatus({ ...base, status: 400, message: 'x'.repeat(2000) });
    expect(error.message.length).toBeLessThan(520);
  });

  it('keeps status 413 as invalid_request and treats unexpected statuses as non-retryable', () => {
    const tooLarge = errorFromStatus({ ...base, status: 413 });
    expect([tooLarge.code, tooLarge.status, tooLarge.retryable]).toEqual(['invalid_request', 413, false]);
    const redirect = errorFromStatus({ ...base, status: 302 });
    expect([redirect.code, redirect.retryable]).toEqual(['provider', false]);
  });

  it('reads retryAfterMs from the headers on any status', () => {
    expect(errorFromStatus({ ...base, status: 503, headers: { 'retry-after': '7' } }).retryAfterMs).toBe(
      7000,
    );
    expect(errorFromStatus({ ...base, status: 429, headers: { 'retry-after-ms': '250' } }).retryAfterMs).toBe(
      250,
    );
    expect(errorFromStatus({ ...base, status: 429 }).retryAfterMs).toBeUndefined();
  });

  it('masks credentials the provider echoes back', () => {
    const key = 'sk-ant-api03-Qw3rTy8UiOp2AsDfGhJkL9ZxCvBnM4QwErTy-abcd1234EFGH';
    const error = errorFromStatus({
      ...base,
      status: 401,
      providerId: 'anthropic',
      bodyJson: { error: { type: 'authentication_error', message: `invalid x-api-key: ${key}` } },
    });
    expect(error.message).toBe('HTTP 401: invalid x-api-key: [REDACTED]');
    expect(error.code).toBe('authentication');
  });

  it('settles 402 as quota_exceeded and lets a provider override a status', () => {
    const failure = { status: 402, headers: {}, bodyText: '', bodyJson: undefined, providerId: 'acme' };
    expect(errorFromStatus(failure)).toMatchObject({ code: 'quota_exceeded', retryable: false });
    expect(errorFromStatus({ ...failure, status: 409 }, { 409: 'invalid_request' }).code).toBe(
      'invalid_request',
    );
  });
});
