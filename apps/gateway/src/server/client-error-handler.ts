import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { WireFormat } from '../wire/wire-format.js';
import { findWireFormat } from './find-wire-format.js';
import { httpStatusError } from './http-status-error.js';

// enough bytes for any request line the gateway routes
const REQUEST_LINE_BYTES = 2048;

/**
 * Node's `clientError` handler: a request Node could not parse (headers over the size limit,
 * malformed HTTP, a client too slow to send its request) answered in the shape of the route its
 * request line named, when Node kept the bytes, else in OpenAI's.
 */
export function createClientErrorHandler(
  formats: readonly WireFormat[],
): (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const message =
      status === 431
        ? 'The request headers exceed the size the gateway accepts.'
        : status === 408
          ? 'The request was not received in time.'
          : 'The request is not valid HTTP.';
    const format = findWireFormat(formats, requestTarget(error.rawPacket));
    const reply = format.toErrorReply(httpStatusError(status, message));
    const body = JSON.stringify(reply.body);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  };
}

function requestTarget(rawPacket: unknown): string | undefined {
  if (!Buffer.isBuffer(rawPacket)) return undefined;
  const head = rawPacket.toString('latin1', 0, Math.min(rawPacket.length, REQUEST_LINE_BYTES));
  return /^[A-Z]+ (\S+) HTTP\//.exec(head)?.[1];
}
