import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { parseResponsesRequest } from '../responses-wire/parse-responses-request.js';
import { parseInputTokensRequest } from './parse-input-tokens-request.js';

const refusal = (body: Record<string, unknown>): ConnectorError => {
  try {
    parseInputTokensRequest({ model: 'default', ...body });
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the request was accepted');
};

// a body using what the Responses parser understands and a hand-written copy once did not:
// reasoning items with encrypted content, output format, reasoning effort, allowed tools
const richBody = {
  model: 'default',
  instructions: 'Answer in JSON.',
  input: [
    { role: 'user', content: 'Plan a trip to Lyon.' },
    {
      type: 'reasoning',
      id: 'rs_up_1',
      summary: [{ type: 'summary_text', text: 'Trains are fastest.' }],
      encrypted_content: 'enc-up-1',
    },
    { type: 'function_call', call_id: 'call_1', name: 'timetable', arguments: '{"to":"Lyon"}' },
    { type: 'function_call_output', call_id: 'call_1', output: '2 hours' },
    { role: 'assistant', content: 'Take the 9:00 train.' },
    { role: 'user', content: [{ type: 'input_text', text: 'And back?' }] },
  ],
  tools: [
    { type: 'function', name: 'timetable', parameters: { type: 'object', properties: {} } },
    { type: 'function', name: 'weather', parameters: { type: 'object', properties: {} } },
  ],
  tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'timetable' }] },
  text: { format: { type: 'json_schema', name: 'trip', schema: { type: 'object' } } },
  reasoning: { effort: 'low' },
};

describe('parseInputTokensRequest', () => {
  it('reads a body exactly as POST /v1/responses does', () => {
    const counted = parseInputTokensRequest(richBody);
    expect(counted).toEqual(parseResponsesRequest(richBody, { openAIProviders: [] }).request);
    // the parts a count must not lose
    expect(counted.messages[2]).toMatchObject({
      role: 'assistant',
      content: [{ type: 'reasoning', text: 'Trains are fastest.', signature: 'enc-up-1', id: 'rs_up_1' }],
      toolCalls: [{ id: 'call_1', name: 'timetable' }],
    });
    expect(counted.responseFormat).toMatchObject({ type: 'json_schema', name: 'trip' });
    expect(counted.reasoning).toEqual({ effort: 'low' });
    expect(counted.tools?.map((tool) => tool.name)).toEqual(['timetable']);
  });

  it('counts instructions alone', () => {
    expect(parseInputTokensRequest({ model: 'default', instructions: 'Be brief.' }).messages).toEqual([
      { role: 'system', content: 'Be brief.' },
    ]);
  });

  it('refuses what only a stored conversation could resolve, rather than counting it as absent', () => {
    expect(refusal({ input: 'x', previous_response_id: 'resp_abc' })).toMatchObject({
      code: 'invalid_request',
      field: 'previous_response_id',
    });
    expect(
      refusal({
        input: [
          { role: 'user', content: 'x' },
          { type: 'item_reference', id: 'msg_1' },
        ],
      }),
    ).toMatchObject({
      code: 'invalid_request',
      field: 'input[1]',
    });
  });

  it('refuses nothing to count, and names fields as the Responses parser does', () => {
    expect(refusal({})).toMatchObject({ field: 'input' });
    expect(refusal({ input: [{ type: 'computer_call' }] }).field).toBe('input[0].type');
    expect(refusal({ input: 'x', tools: [{ type: 'web_search' }] }).field).toBe('tools[0].type');
  });
});
