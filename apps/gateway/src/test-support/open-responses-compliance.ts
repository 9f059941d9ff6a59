import { type ResponseResource, responseResourceSchema } from '../responses-wire/open-responses-schemas.js';
import { type CheckedResponseStream, checkResponseStream } from './check-response-stream.js';

/** One case of the Open Responses compliance suite, as this repo runs it. */
export interface ComplianceCase {
  /** The suite's id (`basic-response`, …). */
  readonly id: ComplianceCaseId;
  readonly streaming: boolean;
  readonly body: (model: string) => Record<string, unknown>;
  /** Semantic checks of the final response (and the stream); the problems found. */
  readonly expect: (response: ResponseResource, stream: CheckedResponseStream | undefined) => string[];
}

/** The seven cases of `openresponses/openresponses` `bin/compliance-test.ts`. */
export type ComplianceCaseId =
  | 'basic-response'
  | 'streaming-response'
  | 'system-prompt'
  | 'tool-calling'
  | 'tool-calling-streaming'
  | 'image-input'
  | 'multi-turn';

/** An 8×8 red PNG as a data URL: the image-input case’s image, small enough for every provider. */
export const RED_SQUARE_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC';

const WEATHER_TOOL = {
  type: 'function',
  name: 'get_weather',
  description: 'Get the current weather for a location',
  parameters: {
    type: 'object',
    properties: { location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' } },
    required: ['location'],
  },
};
const user = (content: unknown) => ({ type: 'message', role: 'user', content });

const hasOutput = (response: ResponseResource): string[] =>
  response.output.length === 0 ? ['Response has no output items'] : [];
const completed = (response: ResponseResource): string[] =>
  response.status === 'completed' ? [] : [`Expected status "completed" but got "${response.status}"`];
const hasOutputType =
  (type: string) =>
  (response: ResponseResource): string[] =>
    response.output.some((item) => item.type === type) ? [] : [`Expected an output item of type "${type}"`];
const streamed = (stream: CheckedResponseStream | undefined): string[] =>
  stream === undefined || stream.events.length === 0
    ? ['No streaming events received']
    : [...stream.problems];

/** The seven cases, with the suite's requests and checks (the stream checks are stricter). */
export const COMPLIANCE_CASES: readonly ComplianceCase[] = [
  {
    id: 'basic-response',
    streaming: false,
    body: (model) => ({ model, input: [user('Say hello in exactly 3 words.')] }),
    expect: (response) => [...hasOutput(response), ...completed(response)],
  },
  {
    id: 'streaming-response',
    streaming: true,
    body: (model) => ({ model, input: [user('Count from 1 to 5.')] }),
    expect: (response, stream) => [...streamed(stream), ...completed(response)],
  },
  {
    id: 'system-prompt',
    streaming: false,
    body: (model) => ({
      model,
      input: [
        { type: 'message', role: 'system', content: 'You are a pirate. Always respond in pirate speak.' },
        user('Say hello.'),
      ],
    }),
    expect: (response) => [...hasOutput(response), ...completed(response)],
  },
  {
    id: 'tool-calling',
    streaming: false,
    body: (model) => ({
      model,
      input: [user("What's the weather like in San Francisco?")],
      tools: [WEATHER_TOOL],
    }),
    expect: (response) => [...hasOutput(response), ...hasOutputType('function_call')(response)],
  },
  {
    id: 'tool-calling-streaming',
    streaming: true,
    body: (model) => ({
      model,
      input: [user("What's the weather like in San Francisco?")],
      tools: [WEATHER_TOOL],
    }),
    expect: (_response, stream) => {
      const problems = streamed(stream);
      const events = stream?.events ?? [];
      const types = events.map((event) => event.type);
      const withCall = (type: string) =>
        events.some(
          (event) => event.type === type && (event.item as { type?: string }).type === 'function_call',
        );
      if (!withCall('response.output_item.added'))
        problems.push('Missing response.output_item.added event with function_call item');
      if (!types.includes('response.function_call_arguments.delta'))
        problems.push('Missing response.function_call_arguments.delta event');
      if (!types.includes('response.function_call_arguments.done'))
        problems.push('Missing response.function_call_arguments.done event');
      if (!withCall('response.output_item.done'))
        problems.push('Missing response.output_item.done event with function_call item');
      return problems;
    },
  },
  {
    id: 'image-input',
    streaming: false,
    body: (model) => ({
      model,
      input: [
        user([
          { type: 'input_text', text: 'What do you see in this image? Answer in one sentence.' },
          { type: 'input_image', image_url: RED_SQUARE_PNG },
        ]),
      ],
    }),
    expect: (response) => [...hasOutput(response), ...completed(response)],
  },
  {
    id: 'multi-turn',
    streaming: false,
    body: (model) => ({
      model,
      input: [
        user('My name is Alice.'),
        {
          type: 'message',
          role: 'assistant',
          content: 'Hello Alice! Nice to meet you. How can I help you today?',
        },
        user('What is my name?'),
      ],
    }),
    expect: (response) => [...hasOutput(response), ...completed(response)],
  },
];

/** The outcome of one case against a server. */
export interface ComplianceResult {
  readonly response: ResponseResource | undefined;
  readonly stream: CheckedResponseStream | undefined;
  /** Every problem: HTTP, schema, stream rules, the case's checks. Empty when it passed. */
  readonly problems: readonly string[];
}

/**
 * Runs one case against `baseUrl` (`http://host:port/v1`) as the suite does: the body plus
 * `stream`, the final response validated against the spec's `ResponseResource` schema (for a
 * stream, the terminal event's, after every event was checked), then the case's checks.
 */
export async function runComplianceCase(
  baseUrl: string,
  testCase: ComplianceCase,
  model: string,
  apiKey?: string,
): Promise<ComplianceResult> {
  const answer = await fetch(`${baseUrl}/responses`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(apiKey !== undefined && { authorization: `Bearer ${apiKey}` }),
    },
    body: JSON.stringify({ ...testCase.body(model), stream: testCase.streaming }),
  });
  if (!answer.ok) {
    return {
      response: undefined,
      stream: undefined,
      problems: [`HTTP ${answer.status}: ${await answer.text()}`],
    };
  }
  const stream = testCase.streaming ? checkResponseStream(await answer.text()) : undefined;
  const raw: unknown = stream === undefined ? await answer.json() : stream.final;
  const parsed = responseResourceSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      response: undefined,
      stream,
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  const response = raw as ResponseResource;
  return { response, stream, problems: testCase.expect(response, stream) };
}
