import type { ServerResponse } from 'node:http';
import { createScriptedServer, type RecordedRequest } from '@hub/testing';
import type { FaultPlan, UpstreamAction, UpstreamCall, UpstreamFault } from './fault-plan.js';
import { chatCompletionBody, chatCompletionEvents, openAIErrorBody } from './openai-chat-wire.js';

/** What a faulty upstream did, counted. */
export interface UpstreamCounts {
  /** Chat completion calls received. */
  readonly calls: number;
  /** Calls answered in full (a whole JSON body, or a stream through `data: [DONE]`). */
  readonly answered: number;
  /** Calls answered 404 `model_not_found`. */
  readonly modelNotFound: number;
  /** Calls failed, by fault. */
  readonly faults: Readonly<Record<UpstreamFault, number>>;
}

/** A local OpenAI Chat Completions server failing as its plan says. */
export interface FaultyUpstream {
  /** Base URL for an OpenAI provider's `baseUrl` (`http://127.0.0.1:<port>/v1`). */
  readonly baseUrl: string;
  counts(): UpstreamCounts;
  /** Replaces the plan, for the calls that arrive from now on (a storm starting or ending). */
  setPlan(plan: FaultPlan): void;
  close(): Promise<void>;
}

/** Options of `createFaultyUpstream`. */
export interface FaultyUpstreamOptions {
  /** Decides each call's fate. */
  readonly plan: FaultPlan;
  /** `retry-after` of a `rate-limited` fault, in whole seconds. Default 1. */
  readonly retryAfterSeconds?: number;
}

interface ChatRequestBody {
  readonly model?: unknown;
  readonly stream?: unknown;
  readonly stream_options?: { readonly include_usage?: unknown };
  readonly messages?: readonly { readonly content?: unknown }[];
}

/**
 * Starts a server speaking OpenAI's `POST /v1/chat/completions` (JSON and SSE) and
 * `GET /v1/models` on 127.0.0.1, a free port. Each call is answered or failed as `plan` decides;
 * attempts are counted per model and prompt (bounded by the requests a scenario sends).
 */
export async function createFaultyUpstream(options: FaultyUpstreamOptions): Promise<FaultyUpstream> {
  const server = await createScriptedServer();
  let plan = options.plan;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const attempts = new Map<string, number>();
  const faults: Record<UpstreamFault, number> = {
    'server-error': 0,
    overloaded: 0,
    'rate-limited': 0,
    reset: 0,
    malformed: 0,
    cut: 0,
    'ended-early': 0,
  };
  let calls = 0;
  let answered = 0;
  let modelNotFound = 0;

  server.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
  server.setFallback(async (request: RecordedRequest, response: ServerResponse) => {
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(openAIErrorBody(`Unknown path ${request.url}`, 'invalid_request_error', null)),
      );
      return;
    }
    const body = request.json<ChatRequestBody>();
    const model = String(body.model);
    const prompt = String(body.messages?.at(-1)?.content);
    const key = `${model}\u0000${prompt}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    calls++;
    const call: UpstreamCall = { model, prompt, stream: body.stream === true, attempt };
    const action: UpstreamAction = plan(call);
    if (action.kind === 'model-not-found') {
      modelNotFound++;
      sendJson(
        response,
        404,
        openAIErrorBody(
          `The model \`${model}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        ),
      );
      return;
    }
    if (action.kind === 'fault') faults[action.fault]++;
    const fault = action.kind === 'fault' ? action : undefined;
    if (call.stream) {
      const events = chatCompletionEvents(model, prompt, body.stream_options?.include_usage === true);
      const complete = await sendStream(response, events, fault, retryAfter);
      if (complete) answered++;
      return;
    }
    const complete = sendCompletion(response, chatCompletionBody(model, prompt), fault, retryAfter);
    if (complete) answered++;
  });

  return {
    baseUrl: `${server.url}/v1`,
    counts: () => ({ calls, answered, modelNotFound, faults: { ...faults } }),
    setPlan: (next) => {
      plan = next;
    },
    close: () => server.close(),
  };
}

function sendJson(response: ServerResponse, status: number, body: object, headers: object = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Sends the fault when it is one that fails before any body; true when it did. */
function sendEarlyFault(
  response: ServerResponse,
  fault: UpstreamFault | undefined,
  retryAfter: string,
): boolean {
  switch (fault) {
    case 'server-error':
      sendJson(
        response,
        500,
        openAIErrorBody(
          'The server had an error while processing your request. Sorry about that!',
          'server_error',
          null,
        ),
      );
      return true;
    case 'overloaded':
      sendJson(
        response,
        503,
        openAIErrorBody('The engine is currently overloaded, please try again later.', 'server_error', null),
      );
      return true;
    case 'rate-limited':
      sendJson(
        response,
        429,
        openAIErrorBody(
          'Rate limit reached for requests. Please try again later.',
          'requests',
          'rate_limit_exceeded',
        ),
        { 'retry-after': retryAfter },
      );
      return true;
    case 'reset':
      response.socket?.destroy();
      return true;
    default:
      return false;
  }
}

/** Answers a non-streamed call; true when the whole answer went out. */
function sendCompletion(
  response: ServerResponse,
  body: object,
  fault: { readonly fault: UpstreamFault; readonly at: number } | undefined,
  retryAfter: string,
): boolean {
  if (sendEarlyFault(response, fault?.fault, retryAfter)) return false;
  const text = JSON.stringify(body);
  if (fault?.fault === 'malformed') {
    // a whole HTTP response whose body is cut JSON: the length header agrees with it
    const broken = text.slice(0, Math.floor(text.length / 2));
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': broken.length });
    response.end(broken);
    return false;
  }
  if (fault?.fault === 'cut' || fault?.fault === 'ended-early') {
    // the header promises the whole body; the connection dies after `at` eighths of it
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    response.write(text.slice(0, Math.floor((text.length * (fault.at % 8)) / 8)), () =>
      response.socket?.destroy(),
    );
    return false;
  }
  sendJson(response, 200, body);
  return true;
}

/** Streams a call's events, failing where the fault says; true when every event went out. */
async function sendStream(
  response: ServerResponse,
  events: readonly string[],
  fault: { readonly fault: UpstreamFault; readonly at: number } | undefined,
  retryAfter: string,
): Promise<boolean> {
  if (sendEarlyFault(response, fault?.fault, retryAfter)) return false;
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
  // a cut or a malformed event may come after any whole event, [DONE] excluded
  const stopAt = fault === undefined ? events.length : fault.at % events.length;
  for (let index = 0; index < stopAt; index++) {
    if (response.destroyed) return false;
    if (!response.write(events[index])) await new Promise((resolve) => response.once('drain', resolve));
  }
  switch (fault?.fault) {
    case undefined:
      response.end();
      return true;
    case 'malformed':
      response.end('data: {"id":"chatcmpl-chaos","object":"chat.completion.chunk","choices":[{\n\n');
      return false;
    case 'ended-early':
      response.end();
      return false;
    default:
      // a reset once what was written has left: the client sees the events, then the failure
      response.write('', () => response.socket?.destroy());
      return false;
  }
}
