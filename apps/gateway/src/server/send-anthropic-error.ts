import type { FastifyReply } from 'fastify';
import { toAnthropicError } from '../anthropic-wire/to-anthropic-error.js';

/** Answers with Anthropic's error shape (`{"type":"error","error":{type,message}}`). */
export function sendAnthropicError(reply: FastifyReply, error: unknown, status?: number): FastifyReply {
  const mapped = toAnthropicError(error, status);
  return reply.code(mapped.status).headers(mapped.headers).send(mapped.body);
}
