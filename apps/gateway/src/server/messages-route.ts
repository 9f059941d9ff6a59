import type { FastifyInstance } from 'fastify';
import { MessageEventEncoder } from '../anthropic-wire/message-event-encoder.js';
import { parseMessagesRequest } from '../anthropic-wire/parse-messages-request.js';
import { toAnthropicError } from '../anthropic-wire/to-anthropic-error.js';
import { toAnthropicMessage } from '../anthropic-wire/to-anthropic-message.js';
import { authenticate } from './authenticate.js';
import { enforceKeyPolicy } from './enforce-key-policy.js';
import type { GatewayContext } from './gateway-context.js';
import { hubCallOptions } from './hub-call-options.js';
import { sendAnthropicError } from './send-anthropic-error.js';
import { writeSseStream } from './write-sse-stream.js';

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
      await enforceKeyPolicy(key, parsed.request.model, context);
    } catch (error) {
      return sendAnthropicError(reply, error);
    }
    const { options, dispose } = hubCallOptions(request, reply, context);
    try {
      if (!parsed.options.stream) {
        const response = await context.gateway.hub.complete(parsed.request, options);
        return reply.send(toAnthropicMessage(response, messageId()));
      }
      const encoder = new MessageEventEncoder(messageId(), parsed.request.model, toolUseId);
      return await writeSseStream(
        reply,
        context.gateway.hub.stream(parsed.request, options),
        {
          encode: (chunk) => encoder.encode(chunk),
          // after the headers, Anthropic clients read failures from an `error` event
          errorFrame: (error) => `event: error\ndata: ${JSON.stringify(toAnthropicError(error).body)}\n\n`,
        },
        options.signal,
      );
    } catch (error) {
      return sendAnthropicError(reply, error);
    } finally {
      dispose();
    }
  });
}
