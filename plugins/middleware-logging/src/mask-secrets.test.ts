import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets.js';

describe('maskSecrets', () => {
  const masked: Array<[string, string]> = [
    [`key sk-proj-${'A1b2C3d4E5f6'.repeat(4)} leaked`, 'key [REDACTED] leaked'],
    ['x sk-ant-api03-abcDEF123456_ghiJKL789012-mnoPQR345678 y', 'x [REDACTED] y'],
    [
      'Incorrect API key provided: sk-proj-****************************abcd.',
      'Incorrect API key provided: [REDACTED].',
    ],
    ['authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload', 'authorization: Bearer [REDACTED]'],
    ['Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic [REDACTED]'],
    ['aws AKIAIOSFODNN7EXAMPLE here', 'aws [REDACTED] here'],
    ['google AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q here', 'google [REDACTED] here'],
    ['https://x.test/v1?key=0123456789abcdef0123&alt=sse', 'https://x.test/v1?key=[REDACTED]&alt=sse'],
    ['?access_token=ya29.a0AfH6SMB&x=1', '?access_token=[REDACTED]&x=1'],
    ['AccountName=a;AccountKey=Zm9vYmFyYmF6cXV4==;Suffix', 'AccountName=a;AccountKey=[REDACTED];Suffix'],
    ['password=hunter2 ok', 'password=[REDACTED] ok'],
    ['{"api_key":"abcdef0123456789abcdef"}', '{"api_key":"[REDACTED]"}'],
    ['token: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'token: [REDACTED]'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig123', 'jwt [REDACTED]'],
    ['groq gsk_abcdefghijklmnopqrstuvwx', 'groq [REDACTED]'],
  ];
  it.each(masked)('masks %s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });

  const kept = [
    'The model gpt-4o-mini is overloaded; retry after 2 s.',
    'use sk-learn for this task-list',
    'maxTokens=512 and tokens: 42',
    'Bearer of bad news',
    'missing key: model',
    'request 0b6f3c1e-8a7d-4d2e-9f10-1234567890ab failed',
  ];
  it.each(kept)('keeps %s', (input) => {
    expect(maskSecrets(input)).toBe(input);
  });
});
