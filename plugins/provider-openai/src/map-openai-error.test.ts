import { describe, expect, it } from 'vitest';
import { mapOpenAIError, OPENAI_STATUS_OVERRIDES } from './map-openai-error.js';
import { fixtures } from './test-support/chat-completions-wire.js';

const failure = (status: number, bodyJson: unknown, headers: Record<string, string> = {}) => ({
  providerId: 'openai',
  status,
  headers,
  bodyText: JSON.stringify(bodyJson),
  bodyJson,
});

describe('mapOpenAIError', () => {
  it('reads the documented envelope: message, code as providerCode, param as field', () => {
    const error = mapOpenAIError(failure(400, fixtures.json('error-invalid-request.json')));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe(
      "HTTP 400: Invalid value for 'temperature': expected a number between 0 and 2.",
    );
    expect(error.providerCode).toBe('invalid_value');
    expect(error.field).toBe('temperature');
    expect(error.status).toBe(400);
  });

  it('classifies insufficient_quota as quota_exceeded, not retryable', () => {
    const error = mapOpenAIError(
      failure(429, fixtures.json('error-insufficient-quota.json'), { 'retry-after': '1' }),
    );
    expect(error.code).toBe('quota_exceeded');
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('insufficient_quota');
  });

  it('classifies context_length_exceeded by code, and by words for servers without codes', () => {
    expect(mapOpenAIError(failure(400, fixtures.json('error-context-length.json'))).code).toBe(
      'context_length_exceeded',
    );
    const vllm = {
      object: 'error',
      message:
        "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (8000 in the messages, 1000 in the completion).",
      type: 'BadRequestError',
      param: null,
      code: 400,
    };
    const error = mapOpenAIError(failure(400, vllm));
    expect(error.code).toBe('context_length_exceeded');
    expect(error.providerCode).toBe('400');
  });

  it('reads the error bodies of compatible servers', () => {
    expect(
      mapOpenAIError(failure(404, { error: 'model "llama9" not found, try pulling it first' })).message,
    ).toBe('HTTP 404: model "llama9" not found, try pulling it first');
    expect(
      mapOpenAIError(
        failure(422, { detail: [{ loc: ['body', 'messages'], msg: 'field required', type: 'missing' }] }),
      ).message,
    ).toBe('HTTP 422: field required');
    expect(mapOpenAIError(failure(400, { detail: 'Invalid model name' })).message).toBe(
      'HTTP 400: Invalid model name',
    );
    expect(mapOpenAIError(failure(500, { message: 'internal', type: 'internal_error' })).providerCode).toBe(
      'internal_error',
    );
  });

  it('uses authentication for 401 and permission for OpenAI’s 403 (unsupported region)', () => {
    expect(mapOpenAIError(failure(401, fixtures.json('error-invalid-api-key.json'))).code).toBe(
      'authentication',
    );
    expect(
      mapOpenAIError(
        failure(403, {
          error: {
            message: 'Country, region, or territory not supported',
            code: 'unsupported_country_region_territory',
          },
        }),
      ).code,
    ).toBe('permission');
  });

  it('calls 503 overloaded, as OpenAI documents it (engine overloaded, slow down)', () => {
    const unavailable = failure(503, fixtures.json('error-server.json'), { 'retry-after': '2' });
    expect(mapOpenAIError(unavailable, OPENAI_STATUS_OVERRIDES)).toMatchObject({
      code: 'overloaded',
      retryable: true,
      retryAfterMs: 2000,
    });
    // compatible servers keep the shared table: their 503 is an outage
    expect(mapOpenAIError(unavailable).code).toBe('provider');
  });

  it('maps the Responses API error events by their code', () => {
    const event = (code: string) => ({ type: 'error', code, message: 'x', param: null, sequence_number: 3 });
    expect(mapOpenAIError({ providerId: 'openai', bodyJson: event('server_error') }).code).toBe('provider');
    expect(mapOpenAIError({ providerId: 'openai', bodyJson: event('rate_limit_exceeded') }).code).toBe(
      'rate_limit',
    );
    expect(mapOpenAIError({ providerId: 'openai', bodyJson: event('invalid_image_url') }).code).toBe(
      'invalid_request',
    );
  });

  it('masks credential-shaped text in the message and provider code', () => {
    const error = mapOpenAIError(failure(401, fixtures.json('error-invalid-api-key.json')));
    expect(error.message).not.toMatch(/sk-proj-\*/);
    expect(error.message).toContain('[REDACTED]');
  });

  it('maps error events inside a stream by their type', () => {
    expect(mapOpenAIError({ providerId: 'openai', bodyJson: fixtures.json('error-server.json') }).code).toBe(
      'provider',
    );
    expect(
      mapOpenAIError({
        providerId: 'openai',
        bodyJson: { error: { message: 'x', type: 'invalid_request_error' } },
      }).code,
    ).toBe('invalid_request');
    const event = mapOpenAIError({
      providerId: 'openai',
      bodyJson: fixtures.json('error-insufficient-quota.json'),
    });
    expect(event.code).toBe('quota_exceeded');
    expect(event.status).toBeUndefined();
    expect(event.message).toContain('The stream reported an error');
  });

  it('does not call an unexpected 3xx transient', () => {
    const error = mapOpenAIError({ providerId: 'openai', status: 302, headers: {}, bodyText: '' });
    expect(error.retryable).toBe(false);
  });
});
