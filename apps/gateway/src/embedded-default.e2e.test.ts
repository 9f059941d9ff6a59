import type { MockProvider } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultGatewayConfig } from './config/default-gateway-config.js';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

let gateway: RunningGateway;

beforeAll(async () => {
  // the configuration `hub-gateway` serves with no file and no provider keys
  const embedded = defaultGatewayConfig({}).config;
  const config = validateGatewayConfig(
    { ...embedded, server: { port: 0 }, logging: { level: 'silent' } },
    {},
  );
  gateway = await startGateway({ config, env: {}, logger: pino({ level: 'silent' }) });
});
afterAll(() => gateway?.close());

describe('the embedded default (mock provider)', () => {
  it('answers without keeping a record of what it answered', async () => {
    for (let call = 0; call < 50; call++) {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `request ${call}` }] }),
      });
      expect(response.status).toBe(200);
    }
    const mock = gateway.context.gateway.hub.providers().find((provider) => provider.providerId === 'mock');
    expect(mock).toBeDefined();
    // every recorded call would hold its whole request for the life of the process
    expect((mock as MockProvider).calls).toHaveLength(0);
  });
});
