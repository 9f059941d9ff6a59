import type { ServerResponse } from 'node:http';
import { type RecordedRequest, type ScriptedReply, sseFrame } from '@hub/testing';

// Scripted answers in the Messages API's wire format (https://docs.anthropic.com/en/api/messages,
// https://docs.anthropic.com/en/docs/build-with-claude/streaming): JSON for a plain request,
// `event: <type>` / `data: {...}` server-sent events for `stream: true`.

/** The dated model id the scripted upstream answers with. */
const ANSWERING_MODEL = 'claude-sonnet-4-5-20250929';

/** An event in Anthropic's framing, whose data repeats the event name as its `type`. */
export const event = (type: string, data: object = { type }): string => sseFrame(data, type);

/** The `message_start` event that opens every stream. */
export function messageStart(
  id = 'msg_test',
  usage: object = { input_tokens: 10, output_tokens: 1 },
): string {
  return event('message_start', {
    type: 'message_start',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      content: [],
      model: ANSWERING_MODEL,
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  });
}

/** `message_delta` with the stop reason and cumulative output tokens, then `message_stop`. */
export function endFrames(stopReason: string): string[] {
  return [
    event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: 7 },
    }),
    event('message_stop'),
  ];
}

/** A whole text stream; its first four frames end with the first piece (for stalls and cuts). */
export function textFrames(pieces: readonly string[], stopReason = 'end_turn'): string[] {
  return [
    messageStart(),
    event('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    }),
    event('ping'),
    ...pieces.map((text) =>
      event('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text },
      }),
    ),
    event('content_block_stop', { type: 'content_block_stop', index: 0 }),
    ...endFrames(stopReason),
  ];
}

/** A non-streamed message whose content is `content`. */
export function message(content: readonly object[], stopReason: string): object {
  return {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model: ANSWERING_MODEL,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 7 },
  };
}

/** A non-streamed message answering `text`. */
export function textMessage(text: string, stopReason = 'end_turn'): object {
  return message([{ type: 'text', text }], stopReason);
}

/** Answers a stream request with `frames` and a plain request with `json`, as the real API does. */
export function messagesReply(json: object, frames: readonly string[]): ScriptedReply {
  return (request: RecordedRequest, response: ServerResponse): void => {
    if (request.json<{ stream?: boolean }>().stream === true) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const frame of frames) response.write(frame);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(json));
  };
}

/** Answers `pieces` of text: streamed piece by piece, or joined in one message. */
export function textReply(pieces: readonly string[], stopReason = 'end_turn'): ScriptedReply {
  return messagesReply(textMessage(pieces.join(''), stopReason), textFrames(pieces, stopReason));
}

/**
 * Answers one call of tool `name` with the arguments `argumentsJson` (a JSON object's text),
 * finishing with `tool_use`: a `tool_use` block with the parsed `input`, or, streamed, a
 * `tool_use` block start with `input: {}` followed by `input_json_delta` fragments — the first
 * one empty, as Anthropic sends it, the rest splitting the JSON text mid-token.
 */
export function toolUseReply(
  name: string,
  argumentsJson: string,
  id = 'toolu_01ContractCall7f3a',
): ScriptedReply {
  const middle = Math.floor(argumentsJson.length / 2);
  const fragment = (partial: string): string =>
    event('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: partial },
    });
  return messagesReply(
    message([{ type: 'tool_use', id, name, input: JSON.parse(argumentsJson) }], 'tool_use'),
    [
      messageStart(),
      event('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id, name, input: {} },
      }),
      fragment(''),
      fragment(argumentsJson.slice(0, middle)),
      fragment(argumentsJson.slice(middle)),
      event('content_block_stop', { type: 'content_block_stop', index: 0 }),
      ...endFrames('tool_use'),
    ],
  );
}
