import type { StreamChunk } from '@hub/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MessageEventEncoder } from '../anthropic-wire/message-event-encoder.js';
import { parseMessagesRequest } from '../anthropic-wire/parse-messages-request.js';
import { toAnthropicError } from '../anthropic-wire/to-anthropic-error.js';
import { toAnthropicMessage } from '../anthropic-wire/to-anthropic-message.js';
import { authenticate } from './authenticate.js';
import { callSignal } from './call-signal.js';
import { enforceKeyPolicy } from './enforce-key-policy.js';
import type { GatewayContext } from './gateway-context.js';
import { sendAnthropicError } from './send-anthropic-error.js';
import { waitForDrain } from './wait-for-drain.js';

let sequence = 0;
const uniqueSuffix = (): string => `${Date.now().toString(36)}${(sequence++).toString(36)}`;
const messageId = (): string => `msg_gw${uniqueSuffix()}`;
const toolUseId = (): string => `toolu_gw${uniqueSuffix()}`;

/**
 * `POST /v1/messages`: Anthropic's Messages API, plain and streamed, over every configured
 * provider. The virtual key is read from `x-api-key` (Anthropic clients) or `Authorization`.
 */
export function registerMessagesRoute(app: FastifyInstance, context: GatewayContext): void {
  app.post('/v1/messages', async (request, reply) => {
    let parsed: ReturnType<typeof parseMessagesRequest>;
    try {
      const key = authenticate(request, context);
      parsed = parseMessagesRequest(request.body);
      enforceKeyPolicy(key, parsed.request.model, context);
    } catch (error) {
      return sendAnthropicError(reply, error);
    }
    const { signal, dispose } = callSignal(reply, context.config.server.requestTimeoutMs);
    const requestId =
      typeof request.headers['x-request-id'] === 'string' ? request.headers['x-request-id'] : undefined;
    const options = { signal, ...(requestId !== undefined && { requestId }) };
    try {
      if (!parsed.options.stream) {
        const response = await context.gateway.hub.complete(parsed.request, options);
        return reply.send(toAnthropicMessage(response, messageId()));
      }
      return await streamMessage(reply, context, parsed, options);
    } catch (error) {
      return sendAnthropicError(reply, error);
    } finally {
      dispose();
    }
  });
}

async function streamMessage(
  reply: FastifyReply,
  context: GatewayContext,
  parsed: ReturnType<typeof parseMessagesRequest>,
  options: { signal: AbortSignal; requestId?: string },
): Promise<FastifyReply> {
  const iterator = context.gateway.hub.stream(parsed.request, options)[Symbol.asyncIterator]();
  // the first chunk is awaited before any byte is sent, so a failure before content (a 429 after
  // retries, an upstream outage) still gets its proper HTTP status and error body
  const first = await iterator.next();
  const encoder = new MessageEventEncoder(messageId(), parsed.request.model, toolUseId);
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  try {
    let step: IteratorResult<StreamChunk> = first;
    while (step.done !== true) {
      const frames = encoder.encode(step.value);
      if (frames !== '' && !raw.write(frames)) await waitForDrain(raw, options.signal);
      step = await iterator.next();
    }
  } catch (error) {
    if (!options.signal.aborted) {
      // after the headers, Anthropic clients read failures from an `error` event
      raw.write(`event: error\ndata: ${JSON.stringify(toAnthropicError(error).body)}\n\n`);
    }
  } finally {
    await iterator.return?.();
    raw.end();
  }
  return reply;
}
