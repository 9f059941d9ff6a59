import { describe, expect, it } from 'vitest';
import { createSignInThrottle, MAX_FAILED_SIGN_INS, SIGN_IN_WINDOW_MS } from './sign-in-throttle.js';

describe('createSignInThrottle', () => {
  it('makes an address wait after too many failures, until the window ends', () => {
    let time = 10_000;
    const throttle = createSignInThrottle({ now: () => time });
    for (let index = 0; index < MAX_FAILED_SIGN_INS - 1; index++) throttle.fail('10.0.0.1');
    expect(throttle.retryAfterMs('10.0.0.1')).toBe(0);
    throttle.fail('10.0.0.1');
    time += 1_000;
    expect(throttle.retryAfterMs('10.0.0.1')).toBe(SIGN_IN_WINDOW_MS - 1_000);
    // another address is not affected
    expect(throttle.retryAfterMs('10.0.0.2')).toBe(0);
    time = 10_000 + SIGN_IN_WINDOW_MS;
    expect(throttle.retryAfterMs('10.0.0.1')).toBe(0);
  });

  it('forgets an address that signed in', () => {
    const throttle = createSignInThrottle({ now: () => 0 });
    for (let index = 0; index < MAX_FAILED_SIGN_INS - 1; index++) throttle.fail('a');
    throttle.succeed('a');
    throttle.fail('a');
    expect(throttle.retryAfterMs('a')).toBe(0);
  });
});
