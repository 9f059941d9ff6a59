import type { ContractErrorKind } from '@hub/testing';
import { describeProviderContract } from '@hub/testing';
import {
  endFrames,
  eventFrame,
  exceptionFrame,
  rawEventFrame,
  STREAM_USAGE,
  textFrames,
} from './__fixtures__/event-stream-frames.js';
import {
  type AuthenticatedHandler,
  converseJson,
  createFakeBedrock,
  eventStream,
  type FakeBedrock,
  sendAwsError,
} from './__fixtures__/fake-bedrock.js';
import { createBedrockProvider } from './bedrock-provider.js';
import type { CohereEmbeddingRequest } from './bedrock-wire-types.js';

const REGION = 'us-east-1';
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const EMBEDDING_MODEL = 'cohere.embed-english-v3';
const IDENTITY = {
  accessKeyId: 'ASIAQ3EXAMPLECONTRCT',
  secretAccessKey: 'contract/test/secret/EXAMPLEKEY01234567',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLEcontractSESSIONtoken0123456789',
};

const CONTRACT_ERRORS: Record<ContractErrorKind, { status: number; type: string; message: string }> = {
  authentication: {
    status: 403,
    type: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
  },
  rate_limit: {
    status: 429,
    type: 'ThrottlingException',
    message: 'Too many requests, please wait before trying again.',
  },
  invalid_request: { status: 400, type: 'ValidationException', message: 'Malformed input request.' },
  provider: {
    status: 500,
    type: 'InternalServerException',
    message: 'The server encountered an internal error.',
  },
};

/** Answers `/converse` with JSON and `/converse-stream` with event-stream frames. */
function answer(json: object, frames: readonly Uint8Array[]): AuthenticatedHandler {
  return (request, response) =>
    request.url.endsWith('/converse-stream')
      ? eventStream(frames)(request, response)
      : converseJson(json)(request, response);
}

// the frames that start a streamed answer with one text delta
const opening = (firstPiece: string): Uint8Array[] => [
  eventFrame('messageStart', { role: 'assistant' }),
  eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: firstPiece } }),
];

const numberText = (value: number): string => (Object.is(value, -0) ? '-0' : JSON.stringify(value));

let fake: FakeBedrock;
describeProviderContract('aws-bedrock', {
  async createProvider() {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    fake.server.route('GET', '/async-invoke', fake.authenticated(converseJson({ asyncInvokeSummaries: [] })));
    return createBedrockProvider({ region: REGION, endpoint: fake.url, credentials: IDENTITY }, { env: {} });
  },
  model: MODEL,
  arrangeText(pieces) {
    fake.enqueue(
      answer(
        {
          output: { message: { role: 'assistant', content: [{ text: pieces.join('') }] } },
          stopReason: 'end_turn',
          usage: STREAM_USAGE,
        },
        textFrames(pieces),
      ),
    );
  },
  arrangeError(kind, { retryAfterSeconds }) {
    const { status, type, message } = CONTRACT_ERRORS[kind];
    fake.enqueue((_request, response) =>
      sendAwsError(
        response,
        status,
        type,
        message,
        kind === 'rate_limit' ? { 'retry-after': String(retryAfterSeconds) } : {},
      ),
    );
  },
  arrangeStall(firstPiece) {
    fake.enqueue(eventStream(opening(firstPiece), { ending: 'hang' }));
  },
  arrangeTruncation(firstPiece) {
    fake.enqueue(eventStream(opening(firstPiece)));
  },
  upstreamClosed: () => fake.server.nextClientAbort(),
  validConfig: {
    region: 'eu-central-1',
    credentials: { accessKeyId: 'AKIDVALID', secretAccessKey: 'valid-secret' },
  },
  invalidConfig: { region: 'not a region', endpoint: 'ftp://bedrock.example' },
  secret: IDENTITY.secretAccessKey,
  cleanup: () => fake.close(),

  upstreamRequests: () => fake.server.requests,
  // Bedrock documents no client request id header: requestIdHeader stays unset
  arrangeSilence() {
    fake.enqueue(() => {
      // accepted and never answered
    });
  },
  arrangeToolCall(name, argumentsJson) {
    const toolUseId = 'tooluse_contract_1';
    const middle = Math.floor(argumentsJson.length / 2);
    fake.enqueue(
      answer(
        {
          output: {
            message: {
              role: 'assistant',
              content: [{ toolUse: { toolUseId, name, input: JSON.parse(argumentsJson) } }],
            },
          },
          stopReason: 'tool_use',
          usage: STREAM_USAGE,
        },
        [
          eventFrame('messageStart', { role: 'assistant' }),
          eventFrame('contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId, name } } }),
          // the arguments arrive as JSON text fragments
          eventFrame('contentBlockDelta', {
            contentBlockIndex: 0,
            delta: { toolUse: { input: argumentsJson.slice(0, middle) } },
          }),
          eventFrame('contentBlockDelta', {
            contentBlockIndex: 0,
            delta: { toolUse: { input: argumentsJson.slice(middle) } },
          }),
          eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
          ...endFrames('tool_use'),
        ],
      ),
    );
  },
  arrangeStreamError(firstPiece) {
    // ConverseStream reports a server-side failure as an exception frame
    fake.enqueue(
      eventStream(
        [...opening(firstPiece), exceptionFrame('internalServerException', 'An internal error occurred.')],
        {
          ending: 'hang',
        },
      ),
    );
  },
  arrangeMalformedEvent(firstPiece) {
    // a well-framed event (both CRCs right) whose JSON payload is cut off
    fake.enqueue(
      eventStream(
        [...opening(firstPiece), rawEventFrame('contentBlockDelta', '{"contentBlockIndex":0,"delta":{"te')],
        { ending: 'hang' },
      ),
    );
  },
  embedding: {
    model: EMBEDDING_MODEL,
    batchSize: 96,
    // Cohere Embed v3 has one vector length; Titan V2 (256/512/1024) is covered by its own tests
    flexibleDimensions: false,
    arrangeEmbeddings(respond) {
      fake.server.route(
        'POST',
        `/model/${EMBEDDING_MODEL}/invoke`,
        fake.authenticated((request, response) => {
          const { texts } = request.json<CohereEmbeddingRequest>();
          const vectors = respond(texts, undefined);
          if (vectors === 'fail') {
            sendAwsError(
              response,
              500,
              'InternalServerException',
              'The server encountered an internal error.',
            );
            return;
          }
          // written by hand so that -0 stays -0: JSON.stringify writes it as 0, while JSON.parse
          // reads the text "-0" back as -0 (the suite's vectors hold -0)
          const floats = vectors.map((vector) => `[${vector.map(numberText).join(',')}]`).join(',');
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            `{"id":"contract","response_type":"embeddings_by_type","embeddings":{"float":[${floats}]},"texts":${JSON.stringify(texts)}}`,
          );
        }),
      );
    },
  },
  arrangeTokenCount(inputTokens) {
    fake.enqueue(converseJson({ inputTokens }));
  },
});
