// What a stranger writes after `npm install`ing the packed tarballs: typechecked under strict
// NodeNext, then run against a local upstream speaking OpenAI's Chat Completions wire format.
// Every check throws on a wrong answer; the process exits non-zero on the first one.
import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CompletionRequest, ConnectorError, createHub } from '@hub/core';
import { cachePlugin, memoryCache } from '@hub/middleware-cache';
import { metricsPlugin } from '@hub/middleware-metrics';
import { prometheusCollector } from '@hub/middleware-metrics/prometheus';
import { retry } from '@hub/middleware-retry';
import { openai } from '@hub/provider-openai';

/** Bodies the upstream received, in order. */
const received: Record<string, unknown>[] = [];

/** A scripted OpenAI upstream: a tool call when tools are offered, else an echo; SSE when asked. */
function answer(request: IncomingMessage, response: ServerResponse, body: Record<string, unknown>): void {
  if (request.url !== '/v1/chat/completions') {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no"}}');
    return;
  }
  received.push(body);
  const messages = body.messages as { content: string }[];
  const last = String(messages.at(-1)?.content);
  const created = 1_700_000_000;
  if (body.stream === true) {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const piece of ['Echo', ': ', last]) {
      const chunk = {
        id: 'c1',
        object: 'chat.completion.chunk',
        created,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, delta: { content: piece }, finish_reason: null }],
      };
      response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    const end = {
      id: 'c1',
      object: 'chat.completion.chunk',
      created,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    };
    response.end(`data: ${JSON.stringify(end)}\n\ndata: [DONE]\n\n`);
    return;
  }
  const message =
    body.tools === undefined
      ? { role: 'assistant', content: `Echo: ${last}` }
      : {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        };
  response.writeHead(200, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      id: 'c2',
      object: 'chat.completion',
      created,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message, finish_reason: body.tools === undefined ? 'stop' : 'tool_calls' }],
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
    }),
  );
}

const upstream = createServer((request, response) => {
  let text = '';
  request.setEncoding('utf8').on('data', (part: string) => {
    text += part;
  });
  // GET /v1/models (the catalog refresh) has no body: answered 404 by `answer`, like any other path
  request.on('end', () =>
    answer(request, response, (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>),
  );
});
upstream.listen(0, '127.0.0.1');
await once(upstream, 'listening');
const baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;

const prometheus = prometheusCollector();
const hub = createHub({
  plugins: [
    openai({ apiKey: 'sk-consumer-check', baseUrl }),
    cachePlugin({ store: memoryCache(), ttlMs: 60_000 }),
    metricsPlugin({ collectors: [prometheus] }),
  ],
  middleware: [retry({ maxRetries: 1 })],
});
try {
  const question: CompletionRequest = {
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hello from outside the monorepo' }],
    temperature: 0,
  };
  const completed = await hub.complete(question);
  assert.equal(completed.text, 'Echo: Hello from outside the monorepo');
  assert.equal(completed.finishReason, 'stop');
  console.log('complete: ok');

  let streamed = '';
  for await (const chunk of hub.stream({ ...question, messages: [{ role: 'user', content: 'stream it' }] })) {
    if (chunk.type === 'text-delta') streamed += chunk.text;
  }
  assert.equal(streamed, 'Echo: stream it');
  console.log('stream: ok');

  const withTool = await hub.complete({
    ...question,
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
    tools: [
      {
        name: 'get_weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ],
    toolChoice: 'required',
  });
  const call = withTool.content.find((part) => part.type === 'tool-call');
  assert.equal(withTool.finishReason, 'tool_calls');
  assert.deepEqual(call && { name: call.name, arguments: JSON.parse(call.arguments) }, {
    name: 'get_weather',
    arguments: { city: 'Paris' },
  });
  console.log('tool call: ok');

  const upstreamCalls = received.length;
  const again = await hub.complete(question);
  assert.equal(again.text, completed.text);
  assert.equal(received.length, upstreamCalls, 'the repeated deterministic request reached the upstream');
  console.log('cache: ok');

  assert.match(await prometheus.metrics(), /llm_hub_requests_total\{[^}]*provider="openai"/);
  console.log('metrics: ok');

  const upstreamCallsBefore = received.length;
  const refused = await hub.complete({ ...question, messages: [] }).catch((error: unknown) => error);
  // bad input is a typed error naming the field, raised before any network I/O
  if (!ConnectorError.isInstance(refused))
    throw new Error(`expected a ConnectorError, got ${String(refused)}`);
  assert.equal(refused.code, 'invalid_request');
  assert.match(refused.message, /messages/);
  assert.equal(received.length, upstreamCallsBefore);
  console.log('errors: ok');
} finally {
  await hub.close();
  upstream.close();
}
