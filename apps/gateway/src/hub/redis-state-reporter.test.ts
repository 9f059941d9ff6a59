import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { redisStateReporter } from './redis-state-reporter.js';

function capture() {
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
  return { lines, logger };
}

describe('redisStateReporter', () => {
  it('logs one warn line per transition and counts them', () => {
    const { lines, logger } = capture();
    const reporter = redisStateReporter('rate_limit', 'redis://127.0.0.1:6390', logger, 'limits fail open');
    reporter.onStateChange('down', new Error('connect ECONNREFUSED 127.0.0.1:6390'));
    reporter.onStateChange('up');
    expect(reporter.transitions).toEqual({ down: 1, up: 1 });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 40,
        component: 'rate_limit',
        state: 'down',
        redis: 'redis://127.0.0.1:6390',
        error: 'connect ECONNREFUSED 127.0.0.1:6390',
        msg: 'redis for rate_limit is unreachable: limits fail open',
      }),
      expect.objectContaining({ level: 40, component: 'rate_limit', state: 'up' }),
    ]);
  });

  it('never writes the URL’s password, wherever the error repeats it', () => {
    const { lines, logger } = capture();
    const url = 'redis://default:s3cr%40t-pw@cache.internal:6379/0';
    const reporter = redisStateReporter('cache', url, logger, 'misses');
    reporter.onStateChange(
      'down',
      new Error('auth failed for redis://default:s3cr@t-pw@cache.internal:6379 (password s3cr@t-pw)'),
    );
    const written = lines.join('');
    expect(written).not.toContain('s3cr');
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      redis: 'redis://[REDACTED]@cache.internal:6379/0',
    });
  });
});
