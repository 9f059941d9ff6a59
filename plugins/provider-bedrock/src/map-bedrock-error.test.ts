import { describe, expect, it } from 'vitest';
import { mapBedrockError } from './map-bedrock-error.js';
import { readBedrockErrorType } from './read-bedrock-error-type.js';

const failure = (status: number, headers: Record<string, string>, bodyJson?: unknown) => ({
  status,
  headers,
  bodyText: bodyJson === undefined ? '' : JSON.stringify(bodyJson),
  ...(bodyJson !== undefined && { bodyJson }),
});

describe('readBedrockErrorType', () => {
  it.each([
    ['ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/', 'ThrottlingException'],
    ['com.amazon.coral.service#ExpiredTokenException', 'ExpiredTokenException'],
    ['throttlingException', 'ThrottlingException'],
    ['  ', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (raw, expected) => {
    expect(readBedrockErrorType(raw)).toBe(expected);
  });
});

describe('mapBedrockError', () => {
  it('reads the type from x-amzn-errortype and the message from the body', () => {
    const error = mapBedrockError(
      failure(
        429,
        {
          'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
          'retry-after': '3',
        },
        { message: 'Too many requests, please wait before trying again.' },
      ),
    );
    expect(error).toMatchObject({
      code: 'rate_limit',
      retryable: true,
      status: 429,
      retryAfterMs: 3000,
      providerCode: 'ThrottlingException',
      providerId: 'aws-bedrock',
      message: 'HTTP 429: ThrottlingException: Too many requests, please wait before trying again.',
    });
  });

  it('falls back to the body __type and a capitalised Message', () => {
    const error = mapBedrockError(
      failure(
        403,
        {},
        {
          __type: 'com.amazon.coral.service#UnrecognizedClientException',
          Message: 'The security token is invalid',
        },
      ),
    );
    expect(error).toMatchObject({ code: 'authentication', providerCode: 'UnrecognizedClientException' });
    expect(error.message).toContain('The security token is invalid');
  });

  it('falls back to the status when no type is given', () => {
    expect(mapBedrockError(failure(503, {}, undefined))).toMatchObject({
      code: 'provider',
      retryable: true,
      status: 503,
    });
    expect(mapBedrockError(failure(404, {}, undefined)).code).toBe('not_found');
    expect(mapBedrockError(failure(302, {}, undefined)).retryable).toBe(false);
  });

  it('makes ExpiredTokenException retryable only when credentials can be refreshed', () => {
    const expired = failure(
      403,
      { 'x-amzn-errortype': 'ExpiredTokenException' },
      { message: 'The security token included in the request is expired' },
    );
    expect(mapBedrockError(expired).retryable).toBe(false);
    expect(mapBedrockError(expired, { canRefreshCredentials: true }).retryable).toBe(true);
  });

  it('masks given secrets, credential shapes and SigV4 signatures', () => {
    const error = mapBedrockError(
      failure(
        403,
        { 'x-amzn-errortype': 'InvalidSignatureException' },
        {
          message:
            'Expected Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/bedrock/aws4_request, ' +
            'Signature=1f0ab0dd1c6d1e2c7d6c0e3f4b5a69788796a5b4c3d2e1f00112233445566778 for token my-session-token-value',
        },
      ),
      { secrets: ['my-session-token-value'] },
    );
    expect(error.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(error.message).not.toContain('my-session-token-value');
    expect(error.message).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect(error.message).toContain('Signature=[REDACTED]');
  });
});
