import { ConfigError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { createSanitizer, DEFAULT_REDACT_PATHS } from './create-sanitizer.js';

describe('createSanitizer', () => {
  it('defaults to no content and the default redact paths', () => {
    const sanitizer = createSanitizer();
    expect(sanitizer.includeContent).toBe(false);
    expect(sanitizer.redactPaths).toEqual(DEFAULT_REDACT_PATHS);
  });

  it('redacts credential-named fields at any depth and masks secret-shaped strings', () => {
    const sanitizer = createSanitizer();
    const value = sanitizer.value({
      tokens: { input: 5, output: 7 },
      metadata: {
        'X-Api-Key': 'plain-looking',
        nested: { access_token: 'x', list: ['Bearer abcdefghijkl'] },
      },
      note: 'AKIAIOSFODNN7EXAMPLE',
      count: 3,
      ok: true,
      nothing: null,
    });
    expect(value).toEqual({
      tokens: { input: 5, output: 7 },
      metadata: {
        'X-Api-Key': '[REDACTED]',
        nested: { access_token: '[REDACTED]', list: ['Bearer [REDACTED]'] },
      },
      note: '[REDACTED]',
      count: 3,
      ok: true,
      nothing: null,
    });
  });

  it('adds configured fields to the pino paths and redacts their last segment everywhere', () => {
    const sanitizer = createSanitizer({ redactFields: ['metadata.tenantNote', '*["e-mail"]'] });
    expect(sanitizer.redactPaths).toContain('metadata.tenantNote');
    expect(sanitizer.redactPaths).toContain('*["e-mail"]');
    expect(sanitizer.value({ a: { tenantNote: 'x', 'e-mail': 'a@b.c', other: 'kept' } })).toEqual({
      a: { tenantNote: '[REDACTED]', 'e-mail': '[REDACTED]', other: 'kept' },
    });
  });

  it('never walks into class instances such as errors, and cuts deep nesting', () => {
    const sanitizer = createSanitizer();
    const error = Object.assign(new Error('x'), { headers: { authorization: 'Bearer secret-value-123' } });
    expect(sanitizer.value({ cause: error, at: new Date(0) })).toEqual({ cause: '[Error]', at: '[Date]' });
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let level = 0; level < 12; level++) deep = { deeper: deep };
    expect(JSON.stringify(sanitizer.value(deep))).toContain('[Truncated]');
  });

  it('rejects paths pino could not use, naming the entry', () => {
    expect(() => createSanitizer({ redactFields: ['ok.path', 'bad path'] })).toThrow(ConfigError);
    try {
      createSanitizer({ redactFields: ['ok.path', 'bad path'] });
    } catch (error) {
      expect((error as ConfigError).path).toBe('redactFields.1');
    }
    expect(() => createSanitizer({ redactFields: 'x' as never })).toThrow(/redactFields/);
  });
});
