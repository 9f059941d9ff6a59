import { describe, expect, it } from 'vitest';
import { parseRedactPath } from './parse-redact-path.js';

describe('parseRedactPath', () => {
  const valid: Array<[string, string[]]> = [
    ['requestId', ['requestId']],
    ['metadata.tenantSecret', ['metadata', 'tenantSecret']],
    ['*.apiKey', ['*', 'apiKey']],
    ['*["x-api-key"]', ['*', 'x-api-key']],
    ["metadata['e mail']", ['metadata', 'e mail']],
    ['prompt[0].content', ['prompt', '0', 'content']],
    ['prompt[*].content', ['prompt', '*', 'content']],
    ['["x-api-key"]', ['x-api-key']],
  ];
  it.each(valid)('splits %s', (path, segments) => {
    expect(parseRedactPath(path)).toEqual(segments);
  });

  const invalid = [
    '',
    'bad path',
    '.metadata',
    'metadata.',
    'metadata..tenant',
    'a[b]',
    'a["b"',
    'a["b"]c',
    '1a',
  ];
  it.each(invalid)('rejects %j', (path) => {
    expect(parseRedactPath(path)).toBeUndefined();
  });
});
