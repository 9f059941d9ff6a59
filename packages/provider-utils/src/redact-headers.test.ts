import { describe, expect, it } from 'vitest';
import { redactHeaders } from './redact-headers.js';

describe('redactHeaders', () => {
  it('masks credential headers in any case and keeps the rest', () => {
    expect(
      redactHeaders({
        Authorization: 'Bearer sk-abc',
        'x-api-key': 'sk-ant-abc',
        'api-key': 'azure-key',
        'X-Goog-Api-Key': 'AIza-abc',
        'proxy-authorization': 'Basic dXNlcjpwYXNz',
        cookie: 'session=1',
        'set-cookie': ['a=1', 'b=2'],
        'x-amz-security-token': 'FwoGZX',
        'x-amz-signature': 'abcd',
        'x-client-secret': 'shh',
        'x-refresh-token': 'rt',
        'content-type': 'application/json',
        'x-request-id': 'req_1',
        'x-multi': ['one', 'two'],
        'x-absent': undefined,
      }),
    ).toEqual({
      Authorization: '[REDACTED]',
      'x-api-key': '[REDACTED]',
      'api-key': '[REDACTED]',
      'X-Goog-Api-Key': '[REDACTED]',
      'proxy-authorization': '[REDACTED]',
      cookie: '[REDACTED]',
      'set-cookie': '[REDACTED]',
      'x-amz-security-token': '[REDACTED]',
      'x-amz-signature': '[REDACTED]',
      'x-client-secret': '[REDACTED]',
      'x-refresh-token': '[REDACTED]',
      'content-type': 'application/json',
      'x-request-id': 'req_1',
      'x-multi': 'one, two',
    });
  });

  it('keeps rate-limit headers, whose names mention tokens but whose values are counters', () => {
    const headers = {
      'x-ratelimit-remaining-tokens': '149984',
      'anthropic-ratelimit-output-tokens-reset': '2025-01-01T00:00:30Z',
    };
    expect(redactHeaders(headers)).toEqual(headers);
  });
});
