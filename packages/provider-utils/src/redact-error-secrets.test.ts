import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { redactErrorSecrets } from './redact-error-secrets.js';

describe('redactErrorSecrets', () => {
  it('masks known secrets and credential shapes in the message and provider code, keeping every field', () => {
    const error = new ConnectorError(
      'authentication',
      'bad key plainsecret99 (sk-proj-AbCdEfGhIjKlMnOpQrStUv)',
      {
        status: 401,
        providerId: 'acme',
        providerCode: 'invalid plainsecret99',
        field: 'apiKey',
      },
    );
    const redacted = redactErrorSecrets(error, ['plainsecret99']);
    expect(redacted.message).toBe('bad key [REDACTED] ([REDACTED])');
    expect(redacted.providerCode).toBe('invalid [REDACTED]');
    expect([redacted.code, redacted.status, redacted.providerId, redacted.field, redacted.retryable]).toEqual(
      ['authentication', 401, 'acme', 'apiKey', false],
    );
  });

  it('returns the same error when nothing needed masking', () => {
    const error = new ConnectorError('provider', 'upstream failed');
    expect(redactErrorSecrets(error, ['absent'])).toBe(error);
  });
});
