import { maskSecrets } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { errorFromStatus } from './error-from-status.js';
import { maskSecret } from './mask-secret.js';
import { redactHeaders } from './redact-headers.js';

// fake, but shaped exactly like the real thing (prefixes, alphabets and lengths)
const FAKE_KEYS = {
  openaiLegacy: 'sk-9fKq2LmX7pR4sT1vW8yZ3bC6dE0gH5jN2kQ7mP4rS9uV1wX3',
  openaiProject:
    'sk-proj-Zq8xT3vLmN4pR7sW2yB6cD9fG1hJ5kQ0aE3uI8oX_T2bLbkFJ7uVmR4sW9yA1cE5gH8jK0nP3qT6vX9zB2dF',
  openaiServiceAccount: 'sk-svcacct-Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6Kl9No2Qr5Tu8Wx1',
  anthropic:
    'sk-ant-api03-Qw3rTy8UiOp2AsDfGhJkL9ZxCvBnM4QwErTy-abcd1234EFGH5678ijklMNOP90qrSTuvWX-yz12AB34CD',
  awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  awsTemporaryKeyId: 'ASIAY34FZKBOKMUTVV7A',
  google: 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY',
  groq: 'gsk_Xy7Pq2Lm9Rt4Vw8Zb3Cd6Fg1Hj5Kn0Mp',
  xai: 'xai-Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6',
  huggingFace: 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  bearerJwt:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};

// the tail is what dashboards show; if any 8 consecutive characters of the key's end survive, it leaked
function leaks(text: string, key: string): boolean {
  return text.includes(key.slice(-8)) || text.includes(key.slice(4, 16));
}

describe('maskSecrets through the provider kit', () => {
  it.each(Object.entries(FAKE_KEYS))('masks a %s key wherever it appears in text', (_kind, key) => {
    const samples = [
      key,
      `Incorrect API key provided: ${key}.`,
      `{"headers":{"authorization":"Bearer ${key}"}}`,
      `GET https://generativelanguage.googleapis.com/v1/models?key=${key}&alt=sse`,
      `x-api-key=${key}\nnext line`,
      `'${key}'`,
    ];
    for (const sample of samples) {
      const redacted = maskSecrets(sample);
      expect(leaks(redacted, key), redacted).toBe(false);
      expect(redacted).toContain('[REDACTED]');
    }
  });

  it('masks partially starred keys that providers echo back', () => {
    expect(maskSecrets('Incorrect API key provided: sk-proj-********************************abcd.')).toBe(
      'Incorrect API key provided: [REDACTED].',
    );
  });

  it('keeps the authorization scheme and ordinary text', () => {
    expect(maskSecrets('authorization: Bearer abc.def-ghi_jkl')).toBe('authorization: Bearer [REDACTED]');
    const ordinary = 'task-runner and sk-learn failed with AKIA short, see AIza docs; Bearer of bad news';
    expect(maskSecrets(ordinary)).toBe(ordinary);
  });

  it('leaves no key in error messages, masked values or logged headers', () => {
    for (const key of Object.values(FAKE_KEYS)) {
      const error = errorFromStatus({
        status: 401,
        headers: {},
        bodyText: '',
        providerId: 'acme',
        bodyJson: { error: { message: `Invalid key ${key} (Bearer ${key})`, code: `bad_key_${key}` } },
      });
      expect(leaks(error.message, key), error.message).toBe(false);
      expect(leaks(String(error.providerCode), key)).toBe(false);
      expect(leaks(JSON.stringify(error), key)).toBe(false);
      expect(leaks(maskSecret(key), key)).toBe(false);
      const headers = JSON.stringify(
        redactHeaders({ authorization: `Bearer ${key}`, 'x-api-key': key, 'x-goog-api-key': key }),
      );
      expect(leaks(headers, key)).toBe(false);
    }
  });
});
