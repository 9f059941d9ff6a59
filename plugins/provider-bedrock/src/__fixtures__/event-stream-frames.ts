import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';

// Real binary event-stream frames, encoded by the AWS SDK's own codec (prelude and message CRCs
// included), shaped as the ConverseStream API reference documents them.
const codec = new EventStreamCodec(toUtf8, fromUtf8);

// Bedrock pads event payloads with a random-length `p` field (against traffic analysis)
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN';

const header = (value: string) => ({ type: 'string' as const, value });

/** One `:message-type: event` frame. */
export function eventFrame(eventType: string, payload: object): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': header(eventType),
      ':content-type': header('application/json'),
      ':message-type': header('event'),
    },
    body: fromUtf8(JSON.stringify({ ...payload, p: PADDING })),
  });
}

/** One `:message-type: event` frame whose payload is `text` as it is (valid JSON or not). */
export function rawEventFrame(eventType: string, text: string): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': header(eventType),
      ':content-type': header('application/json'),
      ':message-type': header('event'),
    },
    body: fromUtf8(text),
  });
}

/** One `:message-type: exception` frame, such as `throttlingException`. */
export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': header(exceptionType),
      ':content-type': header('application/json'),
      ':message-type': header('exception'),
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** The usage a `metadata` event reports unless told otherwise. */
export const STREAM_USAGE = { inputTokens: 12, outputTokens: 7, totalTokens: 19 };

/** `messageStop` followed by `metadata`: how every successful stream ends. */
export function endFrames(stopReason = 'end_turn', usage: object = STREAM_USAGE): Uint8Array[] {
  return [
    eventFrame('messageStop', { stopReason }),
    eventFrame('metadata', { usage, metrics: { latencyMs: 321 } }),
  ];
}

/** A text answer streamed in `pieces`, ending with `stopReason`. */
export function textFrames(
  pieces: readonly string[],
  stopReason = 'end_turn',
  usage: object = STREAM_USAGE,
): Uint8Array[] {
  return [
    eventFrame('messageStart', { role: 'assistant' }),
    ...pieces.map((text) => eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text } })),
    eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
    ...endFrames(stopReason, usage),
  ];
}

/** Joins frames into one buffer, as one TCP read might deliver them. */
export function concatFrames(frames: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(frames);
}
