import { describe, expect, it } from 'vitest';
import { type CallDetail, createRecentRequests, type HttpDetail } from './recent-requests.js';

const http = (requestId: string, overrides: Partial<HttpDetail> = {}): HttpDetail => ({
  requestId,
  method: 'POST',
  path: '/v1/chat/completions',
  key: 'team-a',
  status: 200,
  latencyMs: 120,
  ...overrides,
});
const call = (overrides: Partial<CallDetail> = {}): CallDetail => ({
  requestedModel: 'default',
  provider: 'openai',
  model: 'gpt-4o-mini',
  outcome: 'success',
  inputTokens: 12,
  outputTokens: 3,
  costUsd: 0.0001,
  cached: false,
  stream: false,
  ...overrides,
});

describe('createRecentRequests', () => {
  it('joins the hub side to its row whichever arrives first', () => {
    const recent = createRecentRequests({ now: () => 1_000 });
    recent.recordCall('first', call({ model: 'a' }));
    recent.recordResponse(http('first'));
    recent.recordResponse(http('second', { status: 499 }));
    recent.recordCall('second', call({ model: 'b', outcome: 'cancelled' }));
    recent.recordResponse(http('third', { status: 401, key: null }));
    const [third, second, first] = recent.list();
    expect(first).toMatchObject({ requestId: 'first', time: 1_000, call: { model: 'a' } });
    expect(second).toMatchObject({
      requestId: 'second',
      status: 499,
      call: { model: 'b', outcome: 'cancelled' },
    });
    expect(third).toMatchObject({ requestId: 'third', status: 401, key: null, call: null });
    expect((first?.id ?? 0) < (third?.id ?? 0)).toBe(true);
  });

  it('keeps the last `capacity` rows, and bounds hub sides that never get a row', () => {
    const recent = createRecentRequests({ capacity: 3 });
    for (let index = 0; index < 5; index++) recent.recordResponse(http(`r${index}`));
    expect(recent.list().map((row) => row.requestId)).toEqual(['r4', 'r3', 'r2']);
    // an evicted row no longer takes a late hub side
    recent.recordCall('r0', call());
    expect(recent.list().every((row) => row.call === null)).toBe(true);
    // hub calls without HTTP rows: at most `capacity` wait, the oldest goes first
    for (let index = 0; index < 10; index++)
      recent.recordCall(`orphan-${index}`, call({ model: `m${index}` }));
    recent.recordResponse(http('orphan-0'));
    recent.recordResponse(http('orphan-9'));
    const rows = recent.list();
    expect(rows[0]).toMatchObject({ requestId: 'orphan-9', call: { model: 'm9' } });
    expect(rows[1]).toMatchObject({ requestId: 'orphan-0', call: null });
  });

  it('filters by key, status, model and path, newest first, up to the limit', () => {
    const recent = createRecentRequests();
    recent.recordResponse(http('1', { key: 'team-a' }));
    recent.recordCall('1', call({ requestedModel: 'default', provider: 'openai', model: 'gpt-4o-mini' }));
    recent.recordResponse(http('2', { key: 'team-b', status: 429 }));
    recent.recordResponse(http('3', { key: 'team-a', path: '/v1/messages' }));
    recent.recordCall(
      '3',
      call({
        requestedModel: 'anthropic/claude-haiku-4-5',
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
      }),
    );
    const ids = (filter: Parameters<typeof recent.list>[0]) =>
      recent.list(filter).map((row) => row.requestId);
    expect(ids({ key: 'team-a' })).toEqual(['3', '1']);
    expect(ids({ status: 'error' })).toEqual(['2']);
    expect(ids({ status: 'ok' })).toEqual(['3', '1']);
    expect(ids({ status: 429 })).toEqual(['2']);
    expect(ids({ model: 'CLAUDE' })).toEqual(['3']);
    expect(ids({ model: 'openai/gpt' })).toEqual(['1']);
    expect(ids({ path: '/v1/messages' })).toEqual(['3']);
    expect(ids({ limit: 2 })).toEqual(['3', '2']);
    expect(recent.keys()).toEqual(['team-a', 'team-b']);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createRecentRequests({ capacity: 0 })).toThrow(/capacity/);
  });
});
