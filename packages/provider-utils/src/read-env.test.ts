import { describe, expect, it } from 'vitest';
import { readEnv } from './read-env.js';

describe('readEnv', () => {
  it('returns set values trimmed', () => {
    expect(readEnv({ OPENAI_API_KEY: ' sk-test \n' }, 'OPENAI_API_KEY')).toBe('sk-test');
  });

  it('treats missing, empty and blank values as unset', () => {
    expect(readEnv({}, 'OPENAI_API_KEY')).toBeUndefined();
    expect(readEnv({ OPENAI_API_KEY: '' }, 'OPENAI_API_KEY')).toBeUndefined();
    expect(readEnv({ OPENAI_API_KEY: '   ' }, 'OPENAI_API_KEY')).toBeUndefined();
    expect(readEnv({ OPENAI_API_KEY: undefined }, 'OPENAI_API_KEY')).toBeUndefined();
  });

  it('is case-sensitive, as POSIX environments are', () => {
    expect(readEnv({ openai_api_key: 'x' }, 'OPENAI_API_KEY')).toBeUndefined();
  });
});
