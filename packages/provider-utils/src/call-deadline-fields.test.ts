import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callDeadlineFields } from './call-deadline-fields.js';

const schema = z.object(callDeadlineFields).strict();
const messageFor = (input: unknown): string | undefined => schema.safeParse(input).error?.issues[0]?.message;

describe('callDeadlineFields', () => {
  it('takes positive whole milliseconds, each optional', () => {
    expect(schema.parse({})).toEqual({});
    expect(schema.parse({ timeoutMs: 60_000, firstByteTimeoutMs: 5_000, idleTimeoutMs: 1 })).toEqual({
      timeoutMs: 60_000,
      firstByteTimeoutMs: 5_000,
      idleTimeoutMs: 1,
    });
  });

  it('says what is wrong with a value', () => {
    expect(messageFor({ timeoutMs: '5s' })).toBe('must be a number of milliseconds');
    expect(messageFor({ firstByteTimeoutMs: 1.5 })).toBe('must be a whole number of milliseconds');
    expect(messageFor({ idleTimeoutMs: 0 })).toBe('must be a positive number of milliseconds');
  });
});
