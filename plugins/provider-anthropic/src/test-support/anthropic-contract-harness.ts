import {
  type ContractErrorKind,
  createScriptedServer,
  type ProviderContractHarness,
  type ScriptedServer,
} from '@hub/testing';
import { createAnthropicProvider } from '../anthropic-provider.js';
import { event, textFrames, textReply, toolUseReply } from './anthropic-replies.js';
import { errorBodies } from './fixtures.js';

const COUNT_TOKENS_PATH = '/v1/messages/count_tokens';

// the documented status and error body of each failure the suite arranges
const ERROR_REPLIES: Record<ContractErrorKind, { status: number; body: string }> = {
  authentication: { status: 401, body: 'authentication_error' },
  rate_limit: { status: 429, body: 'rate_limit_error' },
  invalid_request: { status: 400, body: 'invalid_request_error' },
  provider: { status: 500, body: 'api_error' },
};

/**
 * The contract suite's harness for the Anthropic provider against a scripted Messages API (a
 * fresh server per test), speaking Anthropic's wire format in every hook: `tool_use` blocks and
 * `input_json_delta` fragments, `event: error` with `overloaded_error`, a `content_block_delta`
 * whose JSON is cut off, and `/v1/messages/count_tokens` answering `{"input_tokens": N}`.
 *
 * Anthropic documents no client request id header (`request-id` is a response header it sets
 * itself), so `requestIdHeader` stays unset and the suite checks the id is sent in none.
 * Anthropic has no embeddings API, so there is no `embedding` hook.
 *
 * @param secret - The API key the provider is created with; the suite checks no error leaks it.
 */
export function anthropicContractHarness(secret: string): ProviderContractHarness {
  let server: ScriptedServer | undefined;
  const current = (): ScriptedServer => {
    if (server === undefined) throw new Error('the contract harness has no upstream: createProvider first');
    return server;
  };
  // the first frames of a stream: up to and including the text delta saying `firstPiece`
  const opening = (firstPiece: string): string[] => textFrames([firstPiece]).slice(0, 4);

  return {
    async createProvider() {
      server = await createScriptedServer();
      return createAnthropicProvider({ apiKey: secret, baseUrl: server.url });
    },
    model: 'claude-sonnet-4-5',
    arrangeText(pieces) {
      current().enqueue(textReply(pieces));
    },
    arrangeError(kind, { retryAfterSeconds }) {
      const reply = ERROR_REPLIES[kind];
      current().enqueue({
        status: reply.status,
        headers: kind === 'rate_limit' ? { 'retry-after': String(retryAfterSeconds) } : {},
        body: errorBodies[reply.body] as object,
      });
    },
    arrangeStall(firstPiece) {
      current().enqueue({ frames: opening(firstPiece), ending: 'hang' });
    },
    arrangeTruncation(firstPiece) {
      current().enqueue({ frames: opening(firstPiece), ending: 'end' });
    },
    upstreamClosed: () => current().nextClientAbort(),
    validConfig: { apiKey: 'sk-ant-valid-key-0123456789' },
    invalidConfig: { apiKey: '', baseUrl: 'ftp://example.com' },
    secret,
    async cleanup() {
      await server?.close();
      server = undefined;
    },

    upstreamRequests: () => current().requests,
    arrangeSilence() {
      // accepted and never answered: no status, no headers, the connection open
      current().enqueue(() => undefined);
    },
    arrangeToolCall(name, argumentsJson) {
      current().enqueue(toolUseReply(name, argumentsJson));
    },
    arrangeStreamError(firstPiece) {
      current().enqueue({
        frames: [
          ...opening(firstPiece),
          event('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
        ],
        ending: 'hang',
      });
    },
    arrangeMalformedEvent(firstPiece) {
      current().enqueue({
        frames: [
          ...opening(firstPiece),
          // a well-framed event whose JSON stops mid-string
          'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_de\n\n',
        ],
        ending: 'hang',
      });
    },
    arrangeTokenCount(inputTokens) {
      // answered only where Anthropic answers it: any other path gets the API's 404
      current().enqueue((request, response) => {
        const found = request.method === 'POST' && request.url === COUNT_TOKENS_PATH;
        response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(
            found
              ? { input_tokens: inputTokens }
              : { type: 'error', error: { type: 'not_found_error', message: `Not found: ${request.url}` } },
          ),
        );
      });
    },
  };
}
