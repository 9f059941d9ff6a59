import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { hashKey, type VirtualKey } from '../security/virtual-keys.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { createCallerLabels, KEY_NAME_TTL_MS } from './caller-labels.js';

const configKey = (name: string, secret: string): VirtualKey => ({
  name,
  hash: Buffer.from(hashKey(secret).slice('sha256:'.length), 'hex'),
  models: undefined,
  requestsPerMinute: undefined,
});
const request = (key?: string): FastifyRequest =>
  ({ headers: key === undefined ? {} : { authorization: `Bearer ${key}` } }) as FastifyRequest;

function governedContext(keys: VirtualKey[] = []) {
  const asked: string[] = [];
  let failing = false;
  const store = {
    async authenticate(secret: string) {
      asked.push(secret);
      if (failing) throw new Error('database down');
      return secret === 'sk-hub-good'
        ? { status: 'ok' as const, key: { name: 'notebook' }, team: undefined }
        : { status: 'unknown' as const };
    },
  };
  const context = { keys, governance: { store } } as unknown as GatewayContext;
  return { context, asked, fail: () => (failing = true) };
}

describe('createCallerLabels', () => {
  it('names config-file keys from the config, and nothing on an open gateway', async () => {
    const open = createCallerLabels({ keys: [], governance: undefined } as unknown as GatewayContext);
    expect(await open.labelOf(request('anything'), 200)).toBeNull();
    const keyed = createCallerLabels({
      keys: [configKey('team-a', 'secret-a')],
      governance: undefined,
    } as unknown as GatewayContext);
    expect(await keyed.labelOf(request('secret-a'), 200)).toBe('team-a');
    expect(await keyed.labelOf(request('secret-b'), 200)).toBeNull();
    expect(await keyed.labelOf(request(), 200)).toBeNull();
  });

  it('asks the store once per database key per TTL, and never about a refused key', async () => {
    let time = 0;
    const { context, asked } = governedContext([configKey('team-a', 'secret-a')]);
    const labels = createCallerLabels(context, { now: () => time });
    expect(await labels.labelOf(request('secret-a'), 200)).toBe('team-a');
    expect(await labels.labelOf(request('sk-hub-good'), 200)).toBe('notebook');
    expect(await labels.labelOf(request('sk-hub-good'), 429)).toBe('notebook');
    expect(await labels.labelOf(request('sk-hub-bad'), 401)).toBeNull();
    expect(asked).toEqual(['sk-hub-good']);
    time = KEY_NAME_TTL_MS;
    expect(await labels.labelOf(request('sk-hub-good'), 200)).toBe('notebook');
    expect(asked).toEqual(['sk-hub-good', 'sk-hub-good']);
  });

  it('leaves the row unnamed when the store cannot answer', async () => {
    const { context, fail } = governedContext();
    fail();
    expect(await createCallerLabels(context).labelOf(request('sk-hub-good'), 200)).toBeNull();
  });
});
