import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { endFrames, eventFrame, exceptionFrame, textFrames } from './__fixtures__/event-stream-frames.js';
import { decodeEventStream } from './decode-event-stream.js';
import type { EventStreamMessage } from './event-stream-message.js';

async function* chunksOf(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function decodeAll(chunks: AsyncIterable<Uint8Array>): Promise<EventStreamMessage[]> {
  const messages: EventStreamMessage[] = [];
  for await (const message of decodeEventStream(chunks)) messages.push(message);
  return messages;
}

async function decodeError(chunks: AsyncIterable<Uint8Array>): Promise<ConnectorError> {
  try {
    await decodeAll(chunks);
  } catch (error) {
    expect(ConnectorError.isInstance(error)).toBe(true);
    return error as ConnectorError;
  }
  throw new Error('expected the decoder to fail');
}

const describeMessage = (message: EventStreamMessage) => ({
  headers: message.headers,
  body: Buffer.from(message.body).toString('utf8'),
});

const frames = [
  ...textFrames(['Hello', ', ', 'world — ünïcödé ✓']),
  exceptionFrame('throttlingException', 'slow down'),
];
const whole = Buffer.concat(frames);

describe('decodeEventStream', () => {
  it('decodes several messages from one chunk, with their string headers and bodies', async () => {
    const messages = await decodeAll(chunksOf(whole));
    expect(messages).toHaveLength(frames.length);
    expect(describeMessage(messages[1] as EventStreamMessage)).toEqual({
      headers: {
        ':event-type': 'contentBlockDelta',
        ':content-type': 'application/json',
        ':message-type': 'event',
      },
      body: expect.stringContaining('"delta":{"text":"Hello"}'),
    });
    expect(messages.at(-1)?.headers).toMatchObject({
      ':message-type': 'exception',
      ':exception-type': 'throttlingException',
    });
  });

  it('decodes the same messages however the bytes are split in two, at every byte boundary', async () => {
    const expected = (await decodeAll(chunksOf(whole))).map(describeMessage);
    for (let split = 1; split < whole.length; split++) {
      const messages = await decodeAll(chunksOf(whole.subarray(0, split), whole.subarray(split)));
      expect(messages.map(describeMessage), `split at byte ${split}`).toEqual(expected);
    }
  });

  it('decodes a stream delivered one byte per chunk', async () => {
    const bytes = [...whole].map((byte) => Uint8Array.of(byte));
    const messages = await decodeAll(chunksOf(...bytes));
    expect(messages.map(describeMessage)).toEqual((await decodeAll(chunksOf(whole))).map(describeMessage));
  });

  it('fails with a stream error when a payload byte is flipped (message CRC)', async () => {
    const corrupted = Buffer.from(whole);
    const firstLength = (frames[0] as Uint8Array).length;
    corrupted[firstLength + 20] = (corrupted[firstLength + 20] as number) ^ 0x01;
    const error = await decodeError(chunksOf(corrupted));
    expect(error.code).toBe('stream');
    expect(error.message).toContain('failed its CRC check');
  });

  it('fails at once when a prelude byte is flipped, without waiting for the declared length', async () => {
    const corrupted = Buffer.from(eventFrame('metadata', { usage: {} }));
    // the total length grows to ~16 MiB: waiting for it would hang; the prelude CRC catches it
    corrupted[1] = (corrupted[1] as number) ^ 0xff;
    async function* thenHang(): AsyncGenerator<Uint8Array> {
      yield corrupted.subarray(0, 12);
      await new Promise(() => {});
    }
    const error = await decodeError(thenHang());
    expect(error.code).toBe('stream');
    expect(error.message).toContain('prelude failed its CRC check');
  });

  it('rejects a declared length beyond the limit', async () => {
    const frame = eventFrame('metadata', { usage: {} });
    const error = await (async () => {
      try {
        for await (const _ of decodeEventStream(chunksOf(frame), { maxMessageBytes: 32 })) {
          // consume
        }
      } catch (caught) {
        return caught as ConnectorError;
      }
      throw new Error('expected a failure');
    })();
    expect(error.code).toBe('stream');
    expect(error.message).toContain('impossible length');
  });

  it('fails when the body ends inside a message', async () => {
    const error = await decodeError(chunksOf(whole.subarray(0, whole.length - 3)));
    expect(error.code).toBe('stream');
    expect(error.message).toMatch(/ended inside a message \(\d+ of \d+ bytes received\)/);
  });

  it('returns the chunk source when the consumer stops early', async () => {
    let returned = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        yield whole;
        yield Buffer.concat(endFrames());
      } finally {
        returned = true;
      }
    }
    for await (const _ of decodeEventStream(source())) break;
    expect(returned).toBe(true);
  });
});
