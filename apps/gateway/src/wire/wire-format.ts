import type { CompletionRequest, CompletionResponse, FinishChunk, StreamChunk } from '@hub/core';

/** A request as one wire format parsed it: the unified request and whether to stream. */
export interface WireRequest {
  readonly request: CompletionRequest;
  readonly stream: boolean;
}

/** What a format's `parse` may need besides the body. */
export interface WireParseContext {
  /** Provider ids that accept OpenAI's extra sampling fields (passed through to them). */
  readonly openAIProviders: readonly string[];
}

/**
 * Who calls and for how long, for the members of a format that keep state between requests
 * (the Responses API's stored responses).
 */
export interface WireCallContext {
  /**
   * A stable id of the caller's key (`config:<name>`, `key:<id>`; see `callerIdOf`); undefined
   * on an open gateway (no keys anywhere).
   */
  readonly caller: string | undefined;
  /** Aborts when the client leaves or one of the gateway's deadlines passes. */
  readonly signal: AbortSignal;
  /**
   * `provider/model` of the target answering the call, known from the first attempt on (before
   * the first chunk reaches an encoder); what answers and stream frames report as `model`.
   * Undefined before the hub addressed a target, and absent on side routes (no hub call).
   */
  readonly answeredBy?: () => string | undefined;
}

/**
 * A route a format serves besides its `POST` (the Responses API's `GET /v1/responses/{id}`).
 * The shared handler authenticates the caller, bounds the call by the request deadline and
 * answers errors in the format's shape.
 */
export interface WireSideRoute {
  readonly method: 'GET' | 'DELETE';
  /** A path under the format's path, with `:name` parameters (`/v1/responses/:id`). */
  readonly path: string;
  /**
   * The JSON body of the answer (status 200).
   *
   * @throws ConnectorError as the format's `toErrorReply` answers it (`not_found` for a 404).
   */
  handle(
    request: {
      readonly params: Readonly<Record<string, string>>;
      readonly query: Readonly<Record<string, string | undefined>>;
    },
    context: WireCallContext,
  ): Promise<unknown>;
}

/** An error as a format answers it before any byte of the response was sent. */
export interface WireErrorReply {
  readonly status: number;
  /** `retry-after` and the like. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * Writes one streamed answer as server-sent events. One encoder per response: it may keep
 * state (open content blocks, sequence numbers) across chunks and into its error frame.
 */
export interface StreamEncoder {
  /** The frames for one chunk (possibly none); the `finish` chunk's frames end the stream. */
  encode(chunk: StreamChunk): string;
  /** The frames that report a failure once the headers were sent; nothing follows them. */
  errorFrame(error: unknown): string;
  /**
   * Optional work once the answer is complete, awaited before the `finish` chunk's frames are
   * written (the Responses API stores the response here, so a client that reads the last event
   * can continue from it at once). A rejection fails the stream with `errorFrame`.
   */
  commit?(finish: FinishChunk): Promise<void>;
}

/**
 * One client-facing API the gateway serves (OpenAI Chat Completions, Anthropic Messages, …).
 * The shared route handler (`registerWireRoute`) does everything else — authentication, key
 * policy, deadlines, the hub call, SSE with backpressure, errors before and after the headers —
 * so adding an API is writing one of these objects and registering it.
 *
 * Every member is pure (no I/O, no access to the HTTP request) except the optional `resolve`,
 * `commit`, the encoder's `commit` and `routes`, which formats that keep state use.
 */
export interface WireFormat<Parsed extends WireRequest = WireRequest> {
  /** Short name for logs (`openai-chat`). */
  readonly name: string;
  /** The path it is served on with `POST` (`/v1/chat/completions`); errors under it use this format. */
  readonly path: string;
  /**
   * How the format names a field in errors, from path segments: OpenAI writes
   * `messages[0].content`, Anthropic `messages.0.content`.
   */
  fieldPath(segments: readonly (string | number)[]): string;
  /**
   * Validates a parsed JSON body and maps it to the unified request.
   *
   * @throws ConnectorError `invalid_request` whose `field` names the offending field in this
   * format's naming (`GatewayRequestError` with status 413 for a size bound).
   */
  parse(body: unknown, context: WireParseContext): Parsed;
  /**
   * Optional: loads what the request refers to beyond its body (the Responses API's
   * `previous_response_id`), after the key policy and before the hub call.
   *
   * @throws ConnectorError as `parse` does (`not_found` for an unknown reference).
   */
  resolve?(parsed: Parsed, context: WireCallContext): Promise<Parsed>;
  /** The body of a non-streamed answer. */
  toResponse(response: CompletionResponse, parsed: Parsed): unknown;
  /**
   * Optional work with a non-streamed answer's body before it is sent (the Responses API stores
   * it). A rejection fails the request with the format's error reply.
   */
  commit?(body: unknown, parsed: Parsed, context: WireCallContext): Promise<void>;
  /** A fresh encoder for one streamed answer. */
  createStreamEncoder(parsed: Parsed, context: WireCallContext): StreamEncoder;
  /** Any thrown value as this format's error reply (status, headers, body). */
  toErrorReply(error: unknown): WireErrorReply;
  /** Optional routes served besides `POST path`, under it. */
  readonly routes?: readonly WireSideRoute[];
}
