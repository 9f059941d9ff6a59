import type { FastifyReply } from 'fastify';
import type { WireFormat } from '../wire/wire-format.js';

/** Answers `error` in `format`'s error shape, with its status and headers (`retry-after`, `allow`). */
export function sendWireError(
  reply: FastifyReply,
  format: Pick<WireFormat, 'toErrorReply'>,
  error: unknown,
): FastifyReply {
  const mapped = format.toErrorReply(error);
  return reply.code(mapped.status).headers(mapped.headers).send(mapped.body);
}
