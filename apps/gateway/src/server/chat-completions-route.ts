import type { FastifyInstance } from 'fastify';
import { ChatChunkEncoder } from '../openai-wire/chat-chunk-encoder.js';
import { parseChatRequest } from '../openai-wire/parse-chat-request.js';
import { toChatCompletion } from '../openai-wire/to-chat-completion.js';
import { toOpenAIError } from '../openai-wire/to-openai-error.js';
import { authenticate } from './authenticate.js';
import { enforceKeyPolicy } from './enforce-key-policy.js';
import type { GatewayContext } from './gateway-context.js';
import { hubCallOptions } from './hub-call-options.js';
import { sendError } from './send-error.js';
import { writeSseStream } from './write-sse-stream.js';

let sequence = 0;
const completionId = (): string => `chatcmpl-${Date.now().toString(36)}${(sequence++).toString(36)}`;

/** `POST /v1/chat/completions`: OpenAI's Chat Completions API, plain and streamed. */
export function registerChatCompletionsRoute(app: FastifyInstance, context: GatewayContext): void {
  app.post('/v1/chat/completions', async (request, reply) => {
    let parsed: ReturnType<typeof parseChatRequest>;
    try {
      const key = authenticate(request, context);
      parsed = parseChatRequest(request.body, context.gateway.openAIProviders);
      await enforceKeyPolicy(key, parsed.request.model, context);
    } catch (error) {
      return sendError(reply, error);
    }
    const { options, dispose } = hubCallOptions(request, reply, context);
    try {
      if (!parsed.options.stream) {
        const response = await context.gateway.hub.complete(parsed.request, options);
        return reply.send(toChatCompletion(response, completionId(), Math.floor(Date.now() / 1000)));
      }
      const encoder = new ChatChunkEncoder(
        completionId(),
        Math.floor(Date.now() / 1000),
        parsed.request.model,
        parsed.options.includeUsage,
      );
      return await writeSseStream(
        reply,
        context.gateway.hub.stream(parsed.request, options),
        {
          encode: (chunk) => encoder.encode(chunk),
          // after the headers, OpenAI clients read an `error` object in a data frame
          errorFrame: (error) => `data: ${JSON.stringify(toOpenAIError(error).body)}\n\n`,
        },
        options.signal,
      );
    } catch (error) {
      return sendError(reply, error);
    } finally {
      dispose();
    }
  });
}
