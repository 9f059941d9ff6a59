import { describe, expect, it } from 'vitest';
import type { CallOptions } from '../contracts/call-options.js';
import type { Middleware } from '../contracts/middleware.js';
import { ConnectorError } from '../errors/connector-error.js';
import { fakeProvider, userRequest } from '../test-support/fake-provider.js';
import { createHub } from './create-hub.js';

describe('hub.countTokens', () => {
  it('answers with the provider count through middleware that lists count-tokens', async () => {
    const provider = fakeProvider('p');
    const received: CallOptions[] = [];
    provider.countTokens = async (request, options = {}) => {
      received.push(options);
      return { inputTokens: 42, exact: true, provider: 'p', model: request.model };
    };
    const auth: Middleware<'complete' | 'stream' | 'count-tokens'> = {
      name: 'auth',
      operations: ['complete', 'stream', 'count-tokens'],
      onRequest: (_request, context) => context.setHeader('authorization', 'Bearer fake-token-value'),
    };
    const limiter: Middleware = {
      name: 'limiter',
      onRequest: () => {
        throw new Error('a chat-only middleware must not see counting calls');
      },
    };
    const hub = createHub({ providers: [provider], middleware: [auth, limiter] });
    expect(await hub.countTokens(userRequest('p/m'))).toEqual({
      inputTokens: 42,
      exact: true,
      provider: 'p',
      model: 'm',
    });
    expect(received[0]?.headers).toEqual({ authorization: 'Bearer fake-token-value' });
    expect(provider.calls).toHaveLength(0);
  });

  it('estimates locally, never 0, when the provider has no counting API', async () => {
    const hub = createHub({ providers: [fakeProvider('p')] });
    const count = await hub.countTokens(userRequest('p/m', 'x'.repeat(400)));
    expect(count).toEqual({ inputTokens: 104, exact: false, provider: 'p', model: 'm' });
  });

  it('estimates when the provider says the model has no counting API', async () => {
    const provider = fakeProvider('p');
    provider.countTokens = async () => {
      throw new ConnectorError('unsupported', 'no counting for this model');
    };
    const hub = createHub({ providers: [provider] });
    expect(await hub.countTokens(userRequest('p/m'))).toMatchObject({ exact: false, inputTokens: 5 });
  });

  it('fails with the provider error otherwise', async () => {
    const provider = fakeProvider('p');
    provider.countTokens = async () => {
      throw new ConnectorError('authentication', 'bad key', { providerId: 'p' });
    };
    const hub = createHub({ providers: [provider] });
    await expect(hub.countTokens(userRequest('p/m'))).rejects.toMatchObject({ code: 'authentication' });
  });
});
