import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { fakeProvider } from '../test-support/fake-provider.js';
import { checkHealth } from './check-health.js';

describe('checkHealth', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const clock = (): { now: () => number; advance: (ms: number) => void } => {
    let time = 0;
    return { now: () => time, advance: (ms) => (time += ms) };
  };

  it('is healthy when the probe answers quickly, degraded when slower than 2 s', async () => {
    const time = clock();
    const quick = fakeProvider('quick');
    quick.probe = async () => time.advance(150);
    const slow = fakeProvider('slow');
    slow.probe = async () => time.advance(2_500);
    expect(await checkHealth(quick, {}, time.now)).toMatchObject({ status: 'healthy', latencyMs: 150 });
    expect(await checkHealth(slow, {}, time.now)).toMatchObject({ status: 'degraded', latencyMs: 2_500 });
  });

  it('is degraded when rate limited, unhealthy for other failures', async () => {
    const limited = fakeProvider('limited');
    limited.probe = () => Promise.reject(new ConnectorError('rate_limit', 'slow down'));
    const broken = fakeProvider('broken');
    broken.probe = () => Promise.reject(new ConnectorError('authentication', 'bad key'));
    expect((await checkHealth(limited)).status).toBe('degraded');
    expect(await checkHealth(broken)).toMatchObject({
      status: 'unhealthy',
      message: 'authentication: bad key',
    });
  });

  it('gives up after 5 s even when the probe ignores its signal, aborting it', async () => {
    const stuck = fakeProvider('stuck');
    let signal: AbortSignal | undefined;
    stuck.probe = (options) => {
      signal = options.signal;
      return new Promise(() => {});
    };
    const checking = checkHealth(stuck);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await checking).status).toBe('unhealthy');
    expect(signal?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
