import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets.js';

// Fake credentials in each provider's documented shape (never real keys).
const FAKE_KEYS = {
  openaiLegacy: 'sk-9fKq2LmX7pR4sT1vW8yZ3bC6dE0gH5jN2kQ7mP4rS9uV1wX3',
  openaiProject: 'sk-proj-Zq8xT3vLmN4pR7sW2yB6cD9fG1hJ5kQ0aE3uI8oX_T2bLbkFJ7uVmR4sW9yA1cE5gH8jK0nP3qT6',
  openaiServiceAccount: 'sk-svcacct-Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6Kl9No2Qr5Tu8Wx1',
  anthropic: 'sk-ant-api03-Qw3rTy8UiOp2AsDfGhJkL9ZxCvBnM4QwErTy-abcd1234EFGH5678ijklMNOP90qrSTuvWX-yz12',
  awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  awsTemporaryKeyId: 'ASIAY34FZKBOKMUTVV7A',
  google: 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY',
  googleOAuth: 'ya29.a0AfH6SMBx7Qw3rTy8UiOp2AsDfGhJkL9Zx',
  groq: 'gsk_Xy7Pq2Lm9Rt4Vw8Zb3Cd6Fg1Hj5Kn0Mp',
  xai: 'xai-Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6',
  huggingFace: 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  github: 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};

describe('maskSecrets', () => {
  it.each(Object.entries(FAKE_KEYS))('masks a %s key wherever it appears in text', (_kind, key) => {
    for (const sample of [`'${key}'`, `"${key}"`, `key ${key} leaked`, `(${key})`, `bad_key_${key}`]) {
      const masked = maskSecrets(sample);
      // the tail is what consoles display: no 8 consecutive characters of it may survive
      expect(masked).not.toContain(key.slice(-8));
      expect(masked).toContain('[REDACTED]');
    }
  });

  const masked: Array<[string, string]> = [
    [
      'Incorrect API key provided: sk-proj-****************************abcd.',
      'Incorrect API key provided: [REDACTED].',
    ],
    ['authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload', 'authorization: Bearer [REDACTED]'],
    ['Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic [REDACTED]'],
    ['https://x.test/v1?key=0123456789abcdef0123&alt=sse', 'https://x.test/v1?key=[REDACTED]&alt=sse'],
    ['?access_token=ya29.a0AfH6SMB&x=1', '?access_token=[REDACTED]&x=1'],
    ['AccountName=a;AccountKey=Zm9vYmFyYmF6cXV4==;Suffix', 'AccountName=a;AccountKey=[REDACTED];Suffix'],
    ['password=hunter2 ok', 'password=[REDACTED] ok'],
    ['client_secret=abc123&grant_type=x', 'client_secret=[REDACTED]&grant_type=x'],
    ['{"api_key":"abcdef0123456789abcdef"}', '{"api_key":"[REDACTED]"}'],
    ['token: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'token: [REDACTED]'],
    ['redis://:s3cret-pass@cache.internal:6379/0', 'redis://[REDACTED]@cache.internal:6379/0'],
    ['postgres://hub:pa55word@db:5432/hub', 'postgres://[REDACTED]@db:5432/hub'],
    ['{"password":"hunter2"}', '{"password":"[REDACTED]"}'],
    ['{"client_secret": "s3cr3t", "x": 1}', '{"client_secret": "[REDACTED]", "x": 1}'],
    ['{"access_token":"ya29.short"}', '{"access_token":"[REDACTED]"}'],
    ['{"apiKey":"a\\"b"}', '{"apiKey":"[REDACTED]"}'],
  ];
  it.each(masked)('masks %s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });

  it('masks known secrets verbatim, whatever their shape, longest first', () => {
    expect(maskSecrets('the key is plainword123', ['plainword123'])).toBe('the key is [REDACTED]');
    expect(maskSecrets('value plainword123 and plainword', ['plainword', 'plainword123'])).toBe(
      'value [REDACTED] and [REDACTED]',
    );
  });

  const kept = [
    'The model gpt-4o-mini is overloaded; retry after 2 s.',
    'task-runner and sk-learn failed with AKIA short, see AIza docs; Bearer of bad news',
    'maxTokens=512 and tokens: 42',
    'missing key: model',
    'request 0b6f3c1e-8a7d-4d2e-9f10-1234567890ab failed',
    'see https://api.openai.com/v1/chat/completions and redis://cache:6379',
    'apiKeyEnv: OPENAI_API_KEY',
    '{"maxTokens":"512","model":"gpt-4o"}',
  ];
  it.each(kept)('keeps %s', (input) => {
    expect(maskSecrets(input)).toBe(input);
  });
});
