import { describe, expect, it } from 'vitest';
import { maskSecret } from './mask-secret.js';

describe('maskSecret', () => {
  it('shows at most the first three characters and the length, never the tail', () => {
    const key = 'sk-proj-Zq8xT3vLmN4pR7sW2yB6cD9fG1hJ5kQ0aE3uI8oX';
    expect(maskSecret(key)).toBe(`sk-…(${key.length} chars)`);
    expect(maskSecret(key)).not.toContain(key.slice(-4));
  });

  it('shows no prefix for short values', () => {
    expect(maskSecret('hunter2')).toBe('…(7 chars)');
  });

  it('keeps an empty value empty', () => {
    expect(maskSecret('')).toBe('');
  });
});
