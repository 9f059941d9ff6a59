import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { ConnectorError } from './connector-error.js';
import { ERROR_CODES, RETRYABLE_BY_DEFAULT } from './error-code.js';
import { toConnectorError } from './to-connector-error.js';

describe('ConnectorError', () => {
  it('takes retryable from the table unless overridden', () => {
    for (const code of ERROR_CODES)
      expect(new ConnectorError(code, 'x').retryable).toBe(RETRYABLE_BY_DEFAULT[code]);
    expect(new ConnectorError('invalid_request', 'x', { retryable: true }).retryable).toBe(true);
    expect(RETRYABLE_BY_DEFAULT.rate_limit).toBe(true);
    expect(RETRYABLE_BY_DEFAULT.quota_exceeded).toBe(false);
  });

  it('is recognised across copies of the package by its marker, not instanceof', () => {
    const foreign = new (class extends Error {})('from another copy');
    Object.defineProperty(foreign, Symbol.for('@hub/core.connector-error'), { value: true });
    expect(ConnectorError.isInstance(foreign)).toBe(true);
    expect(ConnectorError.isInstance(new Error('plain'))).toBe(false);
    expect(ConnectorError.isInstance(null)).toBe(false);
    expect(ConnectorError.isInstance(new ConfigError('bad', { path: 'a.b' }))).toBe(true);
  });

  it('serializes without its cause', () => {
    const error = new ConnectorError('provider', 'upstream failed', {
      status: 503,
      cause: { secret: 'x' },
      providerId: 'p',
    });
    expect(JSON.stringify(error.toJSON())).not.toContain('secret');
    expect(error.toJSON()).toMatchObject({ code: 'provider', status: 503, retryable: true, providerId: 'p' });
  });
});

describe('ConfigError', () => {
  it('lists every issue with its path', () => {
    const error = ConfigError.fromIssues('openai configuration', [
      { path: 'apiKey', message: 'is required' },
      { path: 'baseUrl', message: 'must be a URL' },
    ]);
    expect(error.path).toBe('apiKey');
    expect(error.message).toContain('apiKey: is required');
    expect(error.message).toContain('baseUrl: must be a URL');
    expect(error.code).toBe('config');
  });
});

describe('toConnectorError', () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });
  it.each([
    [withCode('ECONNRESET'), 'network'],
    [withCode('UND_ERR_SOCKET'), 'network'],
    [withCode('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [Object.assign(new Error('aborted'), { name: 'AbortError' }), 'cancelled'],
    [new DOMException('timed out', 'TimeoutError'), 'timeout'],
    [new SyntaxError('Unexpected token'), 'parse'],
    [new Error('wrapper', { cause: withCode('ECONNREFUSED') }), 'network'],
    ['a string', 'unknown'],
  ])('classifies %s', (input, code) => {
    expect(toConnectorError(input, { providerId: 'p' })).toMatchObject({ code, providerId: 'p' });
  });

  it('passes a ConnectorError through unchanged', () => {
    const error = new ConnectorError('rate_limit', 'x');
    expect(toConnectorError(error)).toBe(error);
  });
});

describe('toConnectorError on a ConnectorError', () => {
  it('adds the provider and model it lacked, keeping everything else', () => {
    const original = new ConnectorError('rate_limit', 'HTTP 429: slow down', {
      status: 429,
      retryAfterMs: 1_000,
    });
    const converted = toConnectorError(original, { providerId: 'openai', model: 'gpt-4o-mini' });
    expect(converted).toMatchObject({
      code: 'rate_limit',
      message: 'HTTP 429: slow down',
      status: 429,
      retryAfterMs: 1_000,
      retryable: true,
      providerId: 'openai',
      model: 'gpt-4o-mini',
    });
    const complete = new ConnectorError('provider', 'x', { providerId: 'a', model: 'm' });
    expect(toConnectorError(complete, { providerId: 'b', model: 'n' })).toBe(complete);
  });
});
