import type { FastifyReply } from 'fastify';
import { toOpenAIError } from '../openai-wire/to-openai-error.js';

/** Answers with OpenAI's error shape. */
export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const mapped = toOpenAIError(error);
  return reply.code(mapped.status).headers(mapped.headers).send(mapped.body);
}
