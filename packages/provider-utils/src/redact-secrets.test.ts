import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redactSecrets('key=abc123xyz, again abc123xyz; other=tok-999', ['abc123xyz', 'tok-999'])).toBe(
      'key=[REDACTED], again [REDACTED]; other=[REDACTED]',
    );
  });

  it('replaces a longer secret before one it contains', () => {
    expect(redactSecrets('Bearer abc123xyz', ['abc123xyz', 'Bearer abc123xyz'])).toBe('[REDACTED]');
  });

  it('ignores empty secrets and returns the same string when nothing matches', () => {
    const text = 'nothing to see';
    expect(redactSecrets(text, ['', 'absent'])).toBe(text);
    expect(redactSecrets(text, [])).toBe(text);
  });
});
