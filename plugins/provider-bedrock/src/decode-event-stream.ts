import { crc32 } from 'node:zlib';
import { ConnectorError } from '@hub/core';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import type { EventStreamMessage } from './event-stream-message.js';

/** Options of `decodeEventStream`. */
export interface DecodeEventStreamOptions {
  /** Set on the errors thrown. Default `aws-bedrock`. */
  readonly providerId?: string;
  /**
   * Largest message accepted, in bytes; a larger declared length is treated as corruption rather
   * than buffered. Default: 16 MiB of payload plus 128 KiB of headers, the format's limits.
   */
  readonly maxMessageBytes?: number;
}

// total length (4) + headers length (4) + prelude CRC (4)
const PRELUDE_BYTES = 12;
// prelude plus the trailing message CRC
const MIN_MESSAGE_BYTES = 16;
const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024 + 128 * 1024 + MIN_MESSAGE_BYTES;

function corrupt(providerId: string, problem: string, cause?: unknown): ConnectorError {
  return new ConnectorError('stream', `The event stream is corrupt: ${problem}.`, {
    providerId,
    ...(cause !== undefined && { cause }),
  });
}

function stringHeaders(headers: Record<string, { type: string; value: unknown }>): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [name, header] of Object.entries(headers)) {
    if (header.type === 'string' && typeof header.value === 'string') strings[name] = header.value;
  }
  return strings;
}

/**
 * Decodes a binary `application/vnd.amazon.eventstream` body into messages, verifying both CRCs
 * of every message with `@smithy/core`'s `EventStreamCodec` (the AWS SDK's own decoder).
 *
 * Messages may be split across chunks at any byte, and one chunk may hold many messages: bytes
 * are buffered until the message length its prelude declares has arrived (chunks are joined once
 * per message, not once per chunk). The prelude's CRC is checked as soon as its 12 bytes are
 * there, so a corrupt length fails at once instead of waiting for bytes that never come.
 *
 * Stopping iteration early returns the chunk source (closing the connection).
 *
 * @param chunks - The response body, as the HTTP client streams it.
 * @param options - Provider id for errors; the largest message accepted.
 * @throws ConnectorError `stream` when a CRC does not match, a declared length is impossible, or
 *   the body ends inside a message.
 */
export async function* decodeEventStream(
  chunks: AsyncIterable<Uint8Array>,
  options: DecodeEventStreamOptions = {},
): AsyncGenerator<EventStreamMessage, void, undefined> {
  const providerId = options.providerId ?? BEDROCK_PROVIDER_ID;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  let pending: Uint8Array[] = [];
  let buffered = 0;
  // bytes the first pending message needs before anything can be decoded
  let needed = PRELUDE_BYTES;

  for await (const chunk of chunks) {
    if (chunk.byteLength === 0) continue;
    pending.push(chunk);
    buffered += chunk.byteLength;
    if (buffered < needed) continue;

    const buffer = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending, buffered);
    let offset = 0;
    for (;;) {
      const available = buffer.byteLength - offset;
      if (available < PRELUDE_BYTES) {
        needed = PRELUDE_BYTES;
        break;
      }
      const prelude = new DataView(buffer.buffer, buffer.byteOffset + offset, PRELUDE_BYTES);
      const totalLength = prelude.getUint32(0);
      const headersLength = prelude.getUint32(4);
      if (crc32(buffer.subarray(offset, offset + 8)) !== prelude.getUint32(8)) {
        throw corrupt(providerId, 'a message prelude failed its CRC check');
      }
      if (
        totalLength < MIN_MESSAGE_BYTES ||
        totalLength > maxMessageBytes ||
        headersLength > totalLength - MIN_MESSAGE_BYTES
      ) {
        throw corrupt(providerId, `a message declares an impossible length (${totalLength} bytes)`);
      }
      if (available < totalLength) {
        needed = totalLength;
        break;
      }
      let decoded: ReturnType<EventStreamCodec['decode']>;
      try {
        decoded = codec.decode(buffer.subarray(offset, offset + totalLength));
      } catch (error) {
        throw corrupt(providerId, 'a message failed its CRC check or could not be decoded', error);
      }
      offset += totalLength;
      yield { headers: stringHeaders(decoded.headers), body: decoded.body };
    }
    const rest = buffer.subarray(offset);
    pending = rest.byteLength === 0 ? [] : [rest];
    buffered = rest.byteLength;
  }
  if (buffered > 0) {
    throw new ConnectorError(
      'stream',
      `The event stream ended inside a message (${buffered} of ${needed} bytes received).`,
      { providerId },
    );
  }
}
