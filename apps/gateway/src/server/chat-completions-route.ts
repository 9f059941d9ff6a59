import type { StreamChunk } from '@hub/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ChatChunkEncoder } from '../openai-wire/chat-chunk-encoder.js';
import { parseChatRequest } from '../openai-wire/parse-chat-request.js';
import { toChatCompletion } from '../openai-wire/to-chat-completion.js';
import { toOpenAIError } from '../openai-wire/to-openai-error.js';
import { authenticate } from './authenticate.js';
import { callSignal } from './call-signal.js';
import { enforceKeyPolicy } from './enforce-key-policy.js';
import type { GatewayContext } from './gateway-context.js';
import { sendError } from './send-error.js';
import { waitForDrain } from './wait-for-drain.js';

let sequence = 0;
const completionId = (): string => `chatcmpl-${Date.now().toString(36)}${(sequence++).toString(36)}`;

/** `POST /v1/chat/completions`: OpenAI's Chat Completions API, plain and streamed. */
export function registerChatCompletionsRoute(app: FastifyInstance, context: GatewayContext): void {
  app.post('/v1/chat/completions', async (request, reply) => {
    let parsed: ReturnType<typeof parseChatRequest>;
    try {
      const key = authenticate(request, context);
      parsed = parseChatRequest(request.body, context.gateway.openAIProviders);
      enforceKeyPolicy(key, parsed.request.model, context);
    } catch (error) {
      return sendError(reply, error);
    }
    const { signal, dispose } = callSignal(reply, context.config.server.requestTimeoutMs);
    const requestId =
      typeof request.headers['x-request-id'] === 'string' ? request.headers['x-request-id'] : undefined;
    const options = { signal, ...(requestId !== undefined && { requestId }) };
    try {
      if (!parsed.options.stream) {
        const response = await context.gateway.hub.complete(parsed.request, options);
        return reply.send(toChatCompletion(response, completionId(), Math.floor(Date.now() / 1000)));
      }
      return await streamCompletion(reply, context, parsed, options);
    } catch (error) {
      return sendError(reply, error);
    } finally {
      dispose();
    }
  });
}

async function streamCompletion(
  reply: FastifyReply,
  context: GatewayContext,
  parsed: ReturnType<typeof parseChatRequest>,
  options: { signal: AbortSignal; requestId?: string },
): Promise<FastifyReply> {
  const iterator = context.gateway.hub.stream(parsed.request, options)[Symbol.asyncIterator]();
  // the first chunk is awaited before any byte is sent, so a failure before content (a 429 after
  // retries, an invalid request) still gets its proper HTTP status
  const first = await iterator.next();
  const encoder = new ChatChunkEncoder(
    completionId(),
    Math.floor(Date.now() / 1000),
    parsed.request.model,
    parsed.options.includeUsage,
  );
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
      // after the headers, OpenAI clients read an `error` object in a data frame
      raw.write(`data: ${JSON.stringify(toOpenAIError(error).body)}\n\n`);
    }
  } finally {
    await iterator.return?.();
    raw.end();
  }
  return reply;
}
