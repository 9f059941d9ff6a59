import type { FastifyInstance } from 'fastify';
import { anthropicCountTokensRoute } from '../anthropic-wire/anthropic-count-tokens-route.js';
import { openAIEmbeddingsRoute } from '../openai-wire/openai-embeddings-route.js';
import { responsesInputTokensRoute } from '../openai-wire/responses-input-tokens-route.js';
import type { GatewayContext } from './gateway-context.js';
import { registerHubCallRoute } from './register-hub-call-route.js';

/**
 * Serves the endpoints answered by one non-completion hub call: `POST /v1/embeddings`,
 * `POST /v1/messages/count_tokens` and `POST /v1/responses/input_tokens`.
 */
export function registerHubCallRoutes(app: FastifyInstance, context: GatewayContext): void {
  registerHubCallRoute(app, context, openAIEmbeddingsRoute);
  registerHubCallRoute(app, context, anthropicCountTokensRoute);
  registerHubCallRoute(app, context, responsesInputTokensRoute);
}
