import {
  type ResponseResource,
  responseResourceSchema,
  streamingEventSchema,
} from '../responses-wire/open-responses-schemas.js';

/** One parsed server-sent event of a Responses stream. */
export interface ResponseStreamEvent {
  readonly type: string;
  readonly sequence_number: number;
  readonly [field: string]: unknown;
}

/** What `checkResponseStream` found. */
export interface CheckedResponseStream {
  readonly events: readonly ResponseStreamEvent[];
  /** The response of the terminal event (`completed`, `incomplete` or `failed`). */
  readonly final: ResponseResource;
  /** Every rule the stream broke; empty for a conformant stream. */
  readonly problems: readonly string[];
}

type Added = { readonly itemId: string; readonly type: string; done: boolean; parts: Set<number> };

/**
 * Reads a whole Responses SSE body and checks it against the spec, returning every broken rule:
 *
 * - each frame is `event: <type>` + `data: <json>` with the event name equal to the data's
 *   `type`, and the data validates against the spec's schema of that event;
 * - `sequence_number` starts at 0 and grows by exactly 1;
 * - `response.created` comes first, then `response.in_progress`; exactly one terminal event
 *   (`response.completed`, `response.incomplete` or `response.failed`) ends the events, and an
 *   `error` event is followed by `response.failed`; the literal `[DONE]` is the last frame;
 * - `output_index` values are added in order 0, 1, …; every delta and `done` event names the
 *   `item_id` and `output_index` of an added, not yet done item (and an added content part);
 *   every added item is done before `response.completed`/`incomplete`;
 * - the terminal response's `output` lists the done items, ids in order, with the final text and
 *   arguments the deltas spelled.
 */
export function checkResponseStream(body: string): CheckedResponseStream {
  const problems: string[] = [];
  const events: ResponseStreamEvent[] = [];
  const frames = body.split('\n\n').filter((frame) => frame.trim() !== '');
  let done = false;
  for (const frame of frames) {
    if (done) problems.push(`a frame follows [DONE]: ${frame.slice(0, 80)}`);
    const name = /^event: (.*)$/m.exec(frame)?.[1];
    const data = /^data: (.*)$/m.exec(frame)?.[1];
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    if (data === undefined) {
      problems.push(`a frame without data: ${frame.slice(0, 80)}`);
      continue;
    }
    const event = JSON.parse(data) as ResponseStreamEvent;
    if (name !== event.type) problems.push(`event name "${name}" differs from type "${event.type}"`);
    const parsed = streamingEventSchema.safeParse(event);
    if (!parsed.success)
      problems.push(
        `${event.type} #${event.sequence_number}: ${JSON.stringify(parsed.error.issues).slice(0, 400)}`,
      );
    events.push(event);
  }
  if (!done) problems.push('the stream did not end with data: [DONE]');

  events.forEach((event, index) => {
    if (event.sequence_number !== index)
      problems.push(`event ${index} (${event.type}) has sequence_number ${event.sequence_number}`);
  });
  if (events[0]?.type !== 'response.created') problems.push('the first event is not response.created');
  if (events[1]?.type !== 'response.in_progress')
    problems.push('the second event is not response.in_progress');
  const terminalTypes = new Set(['response.completed', 'response.incomplete', 'response.failed']);
  const terminals = events.filter((event) => terminalTypes.has(event.type));
  if (terminals.length !== 1) problems.push(`${terminals.length} terminal events instead of 1`);
  const last = events.at(-1);
  if (last === undefined || !terminalTypes.has(last.type)) problems.push('the last event is not terminal');
  events.forEach((event, index) => {
    if (event.type === 'error' && events[index + 1]?.type !== 'response.failed')
      problems.push('an error event is not followed by response.failed');
  });

  const added: Added[] = [];
  const text = new Map<string, string>();
  const checkItem = (event: ResponseStreamEvent): Added | undefined => {
    const index = event.output_index as number;
    const item = added[index];
    if (item === undefined) {
      problems.push(`${event.type} #${event.sequence_number} names output_index ${index}, never added`);
      return undefined;
    }
    const itemId = 'item_id' in event ? (event.item_id as string) : (event.item as { id: string }).id;
    if (itemId !== item.itemId)
      problems.push(`${event.type} #${event.sequence_number} names item ${itemId}, added as ${item.itemId}`);
    if (item.done) problems.push(`${event.type} #${event.sequence_number} comes after its item was done`);
    return item;
  };
  for (const event of events) {
    switch (event.type) {
      case 'response.output_item.added': {
        const item = event.item as { id: string; type: string };
        if (event.output_index !== added.length)
          problems.push(`item added at output_index ${event.output_index}, expected ${added.length}`);
        added.push({ itemId: item.id, type: item.type, done: false, parts: new Set() });
        break;
      }
      case 'response.content_part.added':
      case 'response.reasoning_summary_part.added': {
        const item = checkItem(event);
        const part = (event.content_index ?? event.summary_index) as number;
        if (item !== undefined) item.parts.add(part);
        break;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta':
      case 'response.reasoning_summary_text.delta':
      case 'response.output_text.done':
      case 'response.refusal.done':
      case 'response.reasoning_summary_text.done':
      case 'response.content_part.done':
      case 'response.reasoning_summary_part.done': {
        const item = checkItem(event);
        const part = (event.content_index ?? event.summary_index) as number;
        if (item !== undefined && !item.parts.has(part))
          problems.push(`${event.type} #${event.sequence_number} names part ${part}, never added`);
        const key = `${event.item_id}/${part}/${event.type.split('.').slice(0, -1).join('.')}`;
        if (event.type.endsWith('.delta')) text.set(key, (text.get(key) ?? '') + (event.delta as string));
        if (event.type.endsWith('text.done') && (text.get(key) ?? '') !== event.text)
          problems.push(`${event.type} #${event.sequence_number} text differs from its deltas`);
        break;
      }
      case 'response.function_call_arguments.delta':
      case 'response.function_call_arguments.done': {
        const item = checkItem(event);
        if (item !== undefined && item.type !== 'function_call')
          problems.push(`${event.type} #${event.sequence_number} names a ${item.type} item`);
        const key = `${event.item_id}/arguments`;
        if (event.type.endsWith('.delta')) text.set(key, (text.get(key) ?? '') + (event.delta as string));
        else if ((text.get(key) ?? '') !== event.arguments)
          problems.push(`${event.type} #${event.sequence_number} arguments differ from their deltas`);
        break;
      }
      case 'response.output_item.done': {
        const item = checkItem(event);
        if (item !== undefined) item.done = true;
        break;
      }
    }
  }
  const final = responseResourceSchema.safeParse(last?.response);
  if (!final.success)
    problems.push(`the terminal response: ${JSON.stringify(final.error.issues).slice(0, 400)}`);
  const response = (last?.response ?? {}) as ResponseResource;
  if (last?.type !== 'response.failed') {
    const open = added.filter((item) => !item.done);
    if (open.length > 0) problems.push(`items never done: ${open.map((item) => item.itemId).join(', ')}`);
    const ids = (response.output ?? []).map((item) => item.id);
    if (JSON.stringify(ids) !== JSON.stringify(added.map((item) => item.itemId)))
      problems.push(`the final output ${JSON.stringify(ids)} differs from the items streamed`);
  }
  return { events, final: response, problems };
}
