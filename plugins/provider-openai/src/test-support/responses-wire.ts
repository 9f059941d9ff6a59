import { sseFrame } from '@hub/testing';

// Builders of Responses API answers in the documented shapes (see the responses-*.json and
// responses-stream-*.sse fixtures, which these follow), for scripted replies with variable text.

const RESPONSE = {
  object: 'response',
  created_at: 1_741_290_958,
  error: null,
  incomplete_details: null,
  instructions: null,
  max_output_tokens: null,
  model: 'gpt-4.1-2025-04-14',
  parallel_tool_calls: true,
  previous_response_id: null,
  reasoning: { effort: null, summary: null },
  store: false,
  temperature: 1,
  text: { format: { type: 'text' } },
  tool_choice: 'auto',
  tools: [],
  top_p: 1,
  truncation: 'disabled',
  user: null,
  metadata: {},
};
const USAGE = {
  input_tokens: 12,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 5,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 17,
};

/** One event as the API frames it: `event: <type>` and the JSON data. */
export const responsesEvent = (data: { readonly type: string } & Record<string, unknown>): string =>
  sseFrame(data, data.type);

/** A completed `response` whose single message says `text`. */
export function responseBody(text: string, id = 'resp_contract'): Record<string, unknown> {
  return {
    ...RESPONSE,
    id,
    status: 'completed',
    output: [
      {
        type: 'message',
        id: 'msg_contract',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    usage: USAGE,
  };
}

/** The events of a response that streams `pieces`; `complete: false` leaves out the terminal event. */
export function textEvents(pieces: readonly string[], complete = true, id = 'resp_contract'): string[] {
  const started = { ...RESPONSE, id, status: 'in_progress', output: [], usage: null };
  let sequence = 0;
  const frames = [
    responsesEvent({ type: 'response.created', sequence_number: sequence++, response: started }),
    responsesEvent({
      type: 'response.output_item.added',
      sequence_number: sequence++,
      output_index: 0,
      item: { id: 'msg_contract', type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    }),
    ...pieces.map((delta) =>
      responsesEvent({
        type: 'response.output_text.delta',
        sequence_number: sequence++,
        item_id: 'msg_contract',
        output_index: 0,
        content_index: 0,
        delta,
        logprobs: [],
      }),
    ),
  ];
  if (complete) {
    frames.push(
      responsesEvent({
        type: 'response.completed',
        sequence_number: sequence++,
        response: { ...responseBody(pieces.join(''), id) },
      }),
    );
  }
  return frames;
}

/** A completed response calling one function, and the same as a stream in two argument deltas. */
export function functionCallReply(name: string, argumentsJson: string): { body: object; frames: string[] } {
  const item = {
    type: 'function_call',
    id: 'fc_contract',
    call_id: 'call_contract',
    name,
    arguments: argumentsJson,
    status: 'completed',
  };
  const body = { ...RESPONSE, id: 'resp_tool', status: 'completed', output: [item], usage: USAGE };
  const half = Math.floor(argumentsJson.length / 2);
  const delta = (piece: string, sequence: number) =>
    responsesEvent({
      type: 'response.function_call_arguments.delta',
      sequence_number: sequence,
      item_id: 'fc_contract',
      output_index: 0,
      delta: piece,
    });
  return {
    body,
    frames: [
      responsesEvent({
        type: 'response.created',
        sequence_number: 0,
        response: { ...RESPONSE, id: 'resp_tool', status: 'in_progress', output: [], usage: null },
      }),
      responsesEvent({
        type: 'response.output_item.added',
        sequence_number: 1,
        output_index: 0,
        item: { ...item, arguments: '', status: 'in_progress' },
      }),
      delta(argumentsJson.slice(0, half), 2),
      delta(argumentsJson.slice(half), 3),
      responsesEvent({ type: 'response.output_item.done', sequence_number: 4, output_index: 0, item }),
      responsesEvent({ type: 'response.completed', sequence_number: 5, response: body }),
    ],
  };
}
