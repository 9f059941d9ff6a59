import { ConnectorError } from '@hub/core';
import {
  createScriptedServer,
  type MockProvider,
  type RecordedRequest,
  type ScriptedReply,
  type ScriptedServer,
} from '@hub/testing';
import type { RunningGateway } from '../start-gateway.js';
import { awsEventFrame } from './aws-event-frame.js';
import { type ComplianceCaseId, RED_SQUARE_PNG } from './open-responses-compliance.js';

/**
 * One provider type behind the gateway, as the Responses tests drive it: the provider's config
 * entry, the model to call, and how to script its upstream for each compliance case and for a
 * stream that breaks half-way. Real provider types answer from a scripted server speaking their
 * wire format; the mock from its script.
 */
export interface ResponsesUpstream {
  /** The provider type (`mock`, `openai`, …). */
  readonly type: string;
  /** The `providers` entry of the gateway config. */
  readonly provider: Record<string, unknown>;
  /** The `provider/model` address to call. */
  readonly model: string;
  /** Queues the upstream's answer to `caseId` (text answers echo nothing in particular). */
  script(gateway: RunningGateway, caseId: ComplianceCaseId): void;
  /** Queues a streamed answer that sends some text, then breaks. */
  scriptBrokenStream(gateway: RunningGateway): void;
  /** Checks what reached the upstream for `caseId`; the problems found (none for the mock). */
  upstreamProblems(caseId: ComplianceCaseId): string[];
  close(): Promise<void>;
}

const mockOf = (gateway: RunningGateway): MockProvider =>
  gateway.context.gateway.hub.providers().find((provider) => provider.providerId === 'mock') as MockProvider;

/** The mock provider: its default echo answers text cases; tool cases get a scripted call. */
export function mockUpstream(): ResponsesUpstream {
  return {
    type: 'mock',
    provider: { type: 'mock' },
    model: 'mock/mock-1',
    script(gateway, caseId) {
      if (caseId === 'tool-calling' || caseId === 'tool-calling-streaming')
        mockOf(gateway).enqueue({
          type: 'tool-call',
          id: 'call_weather_1',
          name: 'get_weather',
          arguments: '{"location":"San Francisco, CA"}',
        });
    },
    scriptBrokenStream(gateway) {
      mockOf(gateway).enqueue({
        type: 'error',
        afterChunks: 3,
        text: 'the answer was going well',
        error: new ConnectorError('stream', 'The upstream connection was reset mid-stream.', {
          providerId: 'mock',
        }),
      });
    },
    upstreamProblems: () => [],
    close: async () => {},
  };
}

/** How one provider's wire format answers, for the scripted upstreams below. */
interface WireScript {
  /** A text answer, plain or streamed. */
  text(stream: boolean, text: string): ScriptedReply;
  /** A call of `get_weather` for San Francisco, plain or streamed. */
  toolCall(stream: boolean): ScriptedReply;
  /** A stream that sends some text, then the connection resets. */
  broken(): ScriptedReply;
  /** Whether the upstream request asked for a stream. */
  streamed(request: RecordedRequest): boolean;
  /** The system prompt as the upstream request carries it. */
  system(request: RecordedRequest): string;
}

interface ScriptedUpstreamOptions {
  readonly type: string;
  readonly provider: (url: string) => Record<string, unknown>;
  readonly model: string;
  /** Side requests (model lists) answered before the queue is consulted. */
  readonly routes: readonly [method: string, prefix: string, reply: ScriptedReply][];
  readonly wire: WireScript;
}

const ANSWER = 'Hello from the scripted upstream.';
const WEATHER = { location: 'San Francisco, CA' };

/** A provider type answering from a scripted server speaking its wire format. */
async function scriptedUpstream(options: ScriptedUpstreamOptions): Promise<ResponsesUpstream> {
  const server: ScriptedServer = await createScriptedServer();
  for (const [method, prefix, reply] of options.routes) server.route(method, prefix, reply);
  const { wire } = options;
  const lastCall = (): RecordedRequest | undefined =>
    server.requests.filter((request) => request.method === 'POST').at(-1);
  return {
    type: options.type,
    provider: options.provider(server.url),
    model: options.model,
    script(_gateway, caseId) {
      const stream = caseId === 'streaming-response' || caseId === 'tool-calling-streaming';
      server.enqueue(caseId.startsWith('tool-calling') ? wire.toolCall(stream) : wire.text(stream, ANSWER));
    },
    scriptBrokenStream() {
      server.enqueue(wire.broken());
    },
    upstreamProblems(caseId) {
      const request = lastCall();
      if (request === undefined) return ['the upstream received no request'];
      const problems: string[] = [];
      const stream = caseId === 'streaming-response' || caseId === 'tool-calling-streaming';
      if (wire.streamed(request) !== stream)
        problems.push(`the upstream call was ${stream ? 'not ' : ''}streamed`);
      const expect = (found: boolean, what: string) => {
        if (!found) problems.push(`the upstream request lacks ${what}`);
      };
      if (caseId === 'system-prompt')
        expect(wire.system(request).includes('You are a pirate'), 'the system prompt');
      if (caseId === 'image-input')
        expect(request.body.includes(RED_SQUARE_PNG.split(',')[1] as string), 'the image');
      if (caseId === 'multi-turn')
        expect(
          request.body.includes('Hello Alice! Nice to meet you') && request.body.includes('What is my name?'),
          'the earlier turns',
        );
      if (caseId.startsWith('tool-calling')) expect(request.body.includes('get_weather'), 'the tool');
      return problems;
    },
    close: () => server.close(),
  };
}

// ---- OpenAI Chat Completions (openai, openai-compatible) -----------------------------------

const openAIChunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
const openAIUsage = `data: ${JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 21, completion_tokens: 9, total_tokens: 30, prompt_tokens_details: { cached_tokens: 5 } } })}\n\n`;
const openAICompletion = (message: object, finish: string) => ({
  id: 'chatcmpl-up',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', refusal: null, ...message },
      logprobs: null,
      finish_reason: finish,
    },
  ],
  usage: { prompt_tokens: 21, completion_tokens: 9, total_tokens: 30 },
});
const openAIWire: WireScript = {
  text: (stream, text) =>
    stream
      ? {
          frames: [
            openAIChunk({ role: 'assistant', content: '' }),
            ...text
              .split(' ')
              .map((word, index) => openAIChunk({ content: index === 0 ? word : ` ${word}` })),
            openAIChunk({}, 'stop'),
            openAIUsage,
            'data: [DONE]\n\n',
          ],
        }
      : { body: openAICompletion({ content: text }, 'stop') },
  toolCall: (stream) => {
    const call = {
      id: 'call_up_1',
      type: 'function',
      function: { name: 'get_weather', arguments: JSON.stringify(WEATHER) },
    };
    if (!stream) return { body: openAICompletion({ content: null, tool_calls: [call] }, 'tool_calls') };
    return {
      frames: [
        openAIChunk({ role: 'assistant', content: null }),
        openAIChunk({
          tool_calls: [
            { index: 0, id: 'call_up_1', type: 'function', function: { name: 'get_weather', arguments: '' } },
          ],
        }),
        openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] }),
        openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '"San Francisco, CA"}' } }] }),
        openAIChunk({}, 'tool_calls'),
        openAIUsage,
        'data: [DONE]\n\n',
      ],
    };
  },
  broken: () => ({
    frames: [
      openAIChunk({ role: 'assistant', content: '' }),
      openAIChunk({ content: 'Once upon' }),
      openAIChunk({ content: ' a time' }),
    ],
    ending: 'destroy',
  }),
  streamed: (request) => request.json<{ stream?: boolean }>().stream === true,
  system: (request) =>
    request
      .json<{ messages: { role: string; content: unknown }[] }>()
      .messages.filter((message) => message.role === 'system' || message.role === 'developer')
      .map((message) => JSON.stringify(message.content))
      .join(' '),
};

/** OpenAI itself (Chat Completions upstream). */
export const openaiUpstream = (): Promise<ResponsesUpstream> =>
  scriptedUpstream({
    type: 'openai',
    provider: (url) => ({ type: 'openai', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${url}/v1` }),
    model: 'openai/gpt-4o-mini',
    routes: [['GET', '/v1/models', { body: { object: 'list', data: [] } }]],
    wire: openAIWire,
  });

/** An OpenAI-compatible server (vLLM, Ollama, Groq, …). */
export const openaiCompatibleUpstream = (): Promise<ResponsesUpstream> =>
  scriptedUpstream({
    type: 'openai-compatible',
    provider: (url) => ({
      type: 'openai-compatible',
      id: 'compat',
      apiKeyEnv: 'UPSTREAM_KEY',
      baseUrl: `${url}/v1`,
    }),
    model: 'compat/llama-3.1-8b-instruct',
    routes: [['GET', '/v1/models', { body: { object: 'list', data: [] } }]],
    wire: openAIWire,
  });

// ---- Anthropic Messages ---------------------------------------------------------------------

const anthropicEvent = (type: string, data: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const anthropicStart = anthropicEvent('message_start', {
  message: {
    id: 'msg_up',
    type: 'message',
    role: 'assistant',
    model: 'claude-haiku-4-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 21, output_tokens: 1, cache_read_input_tokens: 5 },
  },
});
const anthropicEnd = (reason: string) =>
  anthropicEvent('message_delta', {
    delta: { stop_reason: reason, stop_sequence: null },
    usage: { output_tokens: 9 },
  }) + anthropicEvent('message_stop', {});
const anthropicMessage = (content: object[], reason: string) => ({
  id: 'msg_up',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5',
  content,
  stop_reason: reason,
  stop_sequence: null,
  usage: { input_tokens: 21, output_tokens: 9 },
});

/** Anthropic's Messages API. */
export const anthropicUpstream = (): Promise<ResponsesUpstream> =>
  scriptedUpstream({
    type: 'anthropic',
    provider: (url) => ({ type: 'anthropic', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: url }),
    model: 'anthropic/claude-haiku-4-5',
    routes: [['GET', '/v1/models', { body: { data: [], has_more: false, first_id: null, last_id: null } }]],
    wire: {
      text: (stream, text) =>
        stream
          ? {
              frames: [
                anthropicStart,
                anthropicEvent('content_block_start', {
                  index: 0,
                  content_block: { type: 'text', text: '' },
                }),
                ...text.split(' ').map((word, index) =>
                  anthropicEvent('content_block_delta', {
                    index: 0,
                    delta: { type: 'text_delta', text: index === 0 ? word : ` ${word}` },
                  }),
                ),
                anthropicEvent('content_block_stop', { index: 0 }),
                anthropicEnd('end_turn'),
              ],
            }
          : { body: anthropicMessage([{ type: 'text', text }], 'end_turn') },
      toolCall: (stream) =>
        stream
          ? {
              frames: [
                anthropicStart,
                anthropicEvent('content_block_start', {
                  index: 0,
                  content_block: { type: 'tool_use', id: 'toolu_up_1', name: 'get_weather', input: {} },
                }),
                anthropicEvent('content_block_delta', {
                  index: 0,
                  delta: { type: 'input_json_delta', partial_json: '{"location":' },
                }),
                anthropicEvent('content_block_delta', {
                  index: 0,
                  delta: { type: 'input_json_delta', partial_json: '"San Francisco, CA"}' },
                }),
                anthropicEvent('content_block_stop', { index: 0 }),
                anthropicEnd('tool_use'),
              ],
            }
          : {
              body: anthropicMessage(
                [{ type: 'tool_use', id: 'toolu_up_1', name: 'get_weather', input: WEATHER }],
                'tool_use',
              ),
            },
      broken: () => ({
        frames: [
          anthropicStart,
          anthropicEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
          anthropicEvent('content_block_delta', {
            index: 0,
            delta: { type: 'text_delta', text: 'Once upon' },
          }),
        ],
        ending: 'destroy',
      }),
      streamed: (request) => request.json<{ stream?: boolean }>().stream === true,
      system: (request) => JSON.stringify(request.json<{ system?: unknown }>().system ?? ''),
    },
  });

// ---- Google Gemini --------------------------------------------------------------------------

const geminiChunk = (parts: object[], finish?: string) =>
  `data: ${JSON.stringify({
    candidates: [
      { content: { role: 'model', parts }, index: 0, ...(finish !== undefined && { finishReason: finish }) },
    ],
    usageMetadata: { promptTokenCount: 21, candidatesTokenCount: 9, totalTokenCount: 30 },
    modelVersion: 'gemini-2.5-flash',
    responseId: 'gemini-up',
  })}\n\n`;
const geminiAnswer = (parts: object[]) => ({
  candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 21, candidatesTokenCount: 9, totalTokenCount: 30 },
  modelVersion: 'gemini-2.5-flash',
  responseId: 'gemini-up',
});
// Gemini signs function calls of thinking models; the signature must come back with the call
const geminiCall = {
  functionCall: { name: 'get_weather', args: WEATHER },
  thoughtSignature: 'Q2lRQjBlMktiOA==',
};

/** Google's Gemini API. */
export const googleUpstream = (): Promise<ResponsesUpstream> =>
  scriptedUpstream({
    type: 'google',
    provider: (url) => ({ type: 'google', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${url}/v1beta` }),
    model: 'google/gemini-2.5-flash',
    routes: [['GET', '/v1beta/models', { body: { models: [] } }]],
    wire: {
      text: (stream, text) =>
        stream
          ? {
              frames: [
                geminiChunk([{ text: 'Thinking about it.', thought: true }]),
                ...text
                  .split(' ')
                  .map((word, index) => geminiChunk([{ text: index === 0 ? word : ` ${word}` }])),
                geminiChunk([{ text: '' }], 'STOP'),
              ],
            }
          : { body: geminiAnswer([{ text: 'Thinking about it.', thought: true }, { text }]) },
      toolCall: (stream) =>
        stream ? { frames: [geminiChunk([geminiCall], 'STOP')] } : { body: geminiAnswer([geminiCall]) },
      broken: () => ({
        frames: [geminiChunk([{ text: 'Once upon' }]), geminiChunk([{ text: ' a time' }])],
        ending: 'destroy',
      }),
      streamed: (request) => request.url.includes(':streamGenerateContent'),
      system: (request) =>
        JSON.stringify(request.json<{ systemInstruction?: unknown }>().systemInstruction ?? ''),
    },
  });

// ---- Amazon Bedrock Converse ----------------------------------------------------------------

const bedrockUsage = { inputTokens: 21, outputTokens: 9, totalTokens: 30 };
const bedrockStream = (frames: Uint8Array[], ending: 'end' | 'destroy' = 'end'): ScriptedReply => ({
  headers: { 'content-type': 'application/vnd.amazon.eventstream' },
  frames,
  ending,
});
const bedrockEnd = (reason: string) => [
  awsEventFrame('messageStop', { stopReason: reason }),
  awsEventFrame('metadata', { usage: bedrockUsage, metrics: { latencyMs: 12 } }),
];
const bedrockAnswer = (content: object[], reason: string) => ({
  output: { message: { role: 'assistant', content } },
  stopReason: reason,
  usage: bedrockUsage,
  metrics: { latencyMs: 12 },
});

/** Amazon Bedrock's Converse API (bearer API key on an explicit endpoint). */
export const bedrockUpstream = (): Promise<ResponsesUpstream> =>
  scriptedUpstream({
    type: 'aws-bedrock',
    provider: (url) => ({
      type: 'aws-bedrock',
      apiKeyEnv: 'UPSTREAM_KEY',
      baseUrl: url,
      region: 'us-east-1',
    }),
    model: 'aws-bedrock/anthropic.claude-3-5-haiku-20241022-v1:0',
    routes: [['GET', '/', { body: { modelSummaries: [] } }]],
    wire: {
      text: (stream, text) =>
        stream
          ? bedrockStream([
              awsEventFrame('messageStart', { role: 'assistant' }),
              ...text.split(' ').map((word, index) =>
                awsEventFrame('contentBlockDelta', {
                  contentBlockIndex: 0,
                  delta: { text: index === 0 ? word : ` ${word}` },
                }),
              ),
              awsEventFrame('contentBlockStop', { contentBlockIndex: 0 }),
              ...bedrockEnd('end_turn'),
            ])
          : { body: bedrockAnswer([{ text }], 'end_turn') },
      toolCall: (stream) =>
        stream
          ? bedrockStream([
              awsEventFrame('messageStart', { role: 'assistant' }),
              awsEventFrame('contentBlockStart', {
                contentBlockIndex: 0,
                start: { toolUse: { toolUseId: 'tooluse_up_1', name: 'get_weather' } },
              }),
              awsEventFrame('contentBlockDelta', {
                contentBlockIndex: 0,
                delta: { toolUse: { input: '{"location":' } },
              }),
              awsEventFrame('contentBlockDelta', {
                contentBlockIndex: 0,
                delta: { toolUse: { input: '"San Francisco, CA"}' } },
              }),
              awsEventFrame('contentBlockStop', { contentBlockIndex: 0 }),
              ...bedrockEnd('tool_use'),
            ])
          : {
              body: bedrockAnswer(
                [{ toolUse: { toolUseId: 'tooluse_up_1', name: 'get_weather', input: WEATHER } }],
                'tool_use',
              ),
            },
      broken: () =>
        bedrockStream(
          [
            awsEventFrame('messageStart', { role: 'assistant' }),
            awsEventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Once upon' } }),
            awsEventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' a time' } }),
          ],
          'destroy',
        ),
      streamed: (request) => request.url.endsWith('/converse-stream'),
      system: (request) => JSON.stringify(request.json<{ system?: unknown }>().system ?? ''),
    },
  });
