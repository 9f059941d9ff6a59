import type { RunningGateway } from '@hub/gateway';
import { rawHttp } from '@hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIProvider, startChaosGateway } from '../chaos-gateway.js';
import { callChat } from '../client/call-chat.js';
import { runPool } from '../client/run-pool.js';
import { createFaultyUpstream, type FaultyUpstream } from '../upstream/faulty-upstream.js';

// The hostile bodies of issue 15, on both client wire formats, several rounds at once, while a
// prober keeps asking /health. What must hold: each is refused before any upstream I/O with the
// route's own error shape and the status and field the README's bounds table names; no 500; the
// server answers /health throughout and serves a normal call afterwards.
const ROUNDS = 3;
const NESTING = 10_000;
const MESSAGES = 30_000;

let upstream: FaultyUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await createFaultyUpstream({ plan: () => ({ kind: 'answer' }) });
  gateway = await startChaosGateway({
    providers: [openAIProvider('up', upstream.baseUrl)],
    routes: { default: ['up/gpt-4o-mini'] },
  });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

type Api = 'chat' | 'messages';
const PATHS: Readonly<Record<Api, string>> = { chat: '/v1/chat/completions', messages: '/v1/messages' };

/** One hostile request and the refusal it must get. */
interface HostileCase {
  readonly name: string;
  readonly api: Api;
  /** The raw request body, as no well-behaved client would write it. */
  readonly body: string;
  readonly status: number;
  /** The field the refusal names (OpenAI: `param`; Anthropic: in the message). */
  readonly field?: string;
}

const deep = `${'['.repeat(NESTING)}${']'.repeat(NESTING)}`;
const oneMessage = '[{"role":"user","content":"hi"}]';
const start = (api: Api) => (api === 'chat' ? '{"model":"default"' : '{"model":"default","max_tokens":16');
const manyMessages = JSON.stringify(
  Array.from({ length: MESSAGES }, (_, index) => ({ role: index % 2 ? 'assistant' : 'user', content: 'x' })),
);
const NESTED_FIELDS: Readonly<Record<Api, readonly string[]>> = {
  chat: ['messages', 'tools', 'metadata', 'response_format', 'stop', 'an_unknown_field'],
  messages: ['messages', 'tools', 'metadata', 'system', 'an_unknown_field'],
};

const CASES: readonly HostileCase[] = (['chat', 'messages'] as const).flatMap((api): HostileCase[] => [
  ...(NESTED_FIELDS[api] ?? []).map((field) => ({
    name: `${NESTING} levels in ${field}`,
    api,
    body:
      field === 'messages'
        ? `${start(api)},"messages":[${deep}]}`
        : `${start(api)},"messages":${oneMessage},"${field}":${deep}}`,
    status: 400,
    field,
  })),
  {
    name: `${MESSAGES} messages`,
    api,
    body: `${start(api)},"messages":${manyMessages}}`,
    status: 413,
    field: 'messages',
  },
  {
    name: 'stream: "yes"',
    api,
    body: `${start(api)},"messages":${oneMessage},"stream":"yes"}`,
    status: 400,
    field: 'stream',
  },
  {
    name: 'messages: a string',
    api,
    body: `${start(api)},"messages":"hi"}`,
    status: 400,
    field: 'messages',
  },
  {
    name: 'temperature: a string',
    api,
    body: `${start(api)},"messages":${oneMessage},"temperature":"hot"}`,
    status: 400,
    field: 'temperature',
  },
  { name: 'bad JSON', api, body: '{"model": "default", "messages": [', status: 400 },
]);

/** Checks a refusal: its status, its route's error shape, the field it names. */
function refusalProblem(hostile: HostileCase, status: number, text: string): string | undefined {
  if (status !== hostile.status) return `status ${status}: ${text.slice(0, 200)}`;
  const body = JSON.parse(text) as {
    type?: string;
    error?: { message?: string; param?: string | null; type?: string };
  };
  const message = body.error?.message ?? '';
  if (hostile.api === 'chat') {
    if (typeof body.error?.type !== 'string') return `not OpenAI's shape: ${text.slice(0, 200)}`;
    if (hostile.field !== undefined && body.error.param !== hostile.field)
      return `param ${body.error.param}, not ${hostile.field}`;
  } else {
    if (body.type !== 'error' || typeof body.error?.type !== 'string')
      return `not Anthropic's shape: ${text.slice(0, 200)}`;
    if (hostile.field !== undefined && !message.includes(`'${hostile.field}'`))
      return `message does not name ${hostile.field}: ${message}`;
  }
  return undefined;
}

async function send(hostile: HostileCase, index: number): Promise<string | undefined> {
  const requestId = `hostile-${index}`;
  const response = await fetch(`${gateway.url}${PATHS[hostile.api]}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'x-request-id': requestId,
    },
    body: hostile.body,
    signal: AbortSignal.timeout(60_000),
  });
  // every refusal names the call it refused, so an operator can find it in the logs
  const echoed = response.headers.get('x-request-id');
  const problem =
    refusalProblem(hostile, response.status, await response.text()) ??
    (echoed === requestId ? undefined : `x-request-id ${echoed}, not ${requestId}`);
  return problem === undefined ? undefined : `${hostile.api} ${hostile.name}: ${problem}`;
}

describe('hostile bodies', () => {
  it('are each refused with the route’s shape, status and field while /health keeps answering', async () => {
    let hostileDone = false;
    const health: number[] = [];
    const prober = (async () => {
      // at least one probe, then as many as fit while the hostile requests are in flight
      do {
        const response = await fetch(`${gateway.url}/health`, { signal: AbortSignal.timeout(60_000) });
        health.push(response.status);
        await response.arrayBuffer();
      } while (!hostileDone);
    })();
    const problems = await runPool(CASES.length * ROUNDS, 4, (index) =>
      send(CASES[index % CASES.length] as HostileCase, index),
    );
    hostileDone = true;
    await prober;

    expect(problems.filter((problem) => problem !== undefined)).toEqual([]);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((status) => status === 200)).toBe(true);
    // refused before any upstream I/O
    expect(upstream.counts().calls).toBe(0);
    expect(
      await callChat(gateway.url, { model: 'default', prompt: 'after the hostile bodies', stream: true }),
    ).toEqual({ kind: 'complete' });
  });

  it('answers headers over the limit with 431 in the route’s shape', async () => {
    const filler = Array.from(
      { length: 40 },
      (_, index) => `x-filler-${index}: ${'h'.repeat(1_000)}\r\n`,
    ).join('');
    for (const api of ['chat', 'messages'] as const) {
      const response = await rawHttp(
        gateway.url,
        `POST ${PATHS[api]} HTTP/1.1\r\nhost: chaos\r\ncontent-type: application/json\r\ncontent-length: 2\r\n${filler}connection: close\r\n\r\n{}`,
      );
      expect(response.status, api).toBe(431);
      const body = JSON.parse(response.body) as { type?: string; error?: { type?: string } };
      if (api === 'chat') expect(body.error?.type).toBe('invalid_request_error');
      else expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    }
  });

  it('replaces a huge or unsafe x-request-id by a bounded one, and still answers', async () => {
    for (const requestId of ['r'.repeat(10_000), 'id with spaces <and> "quotes"']) {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: `{"model":"default","messages":${oneMessage}}`,
        signal: AbortSignal.timeout(60_000),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      const answered = response.headers.get('x-request-id') ?? '';
      expect(answered).not.toBe(requestId);
      expect(answered).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    }
  });
});
