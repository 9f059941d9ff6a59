import type { CompletionRequest, CompletionResponse, StreamChunk } from '@hub/core';

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
}

/**
 * One client-facing API the gateway serves (OpenAI Chat Completions, Anthropic Messages, …).
 * The shared route handler (`registerWireRoute`) does everything else — authentication, key
 * policy, deadlines, the hub call, SSE with backpressure, errors before and after the headers —
 * so adding an API is writing one of these objects and registering it.
 *
 * Every member is pure: no I/O, no access to the HTTP request.
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
  /** The body of a non-streamed answer. */
  toResponse(response: CompletionResponse, parsed: Parsed): unknown;
  /** A fresh encoder for one streamed answer. */
  createStreamEncoder(parsed: Parsed): StreamEncoder;
  /** Any thrown value as this format's error reply (status, headers, body). */
  toErrorReply(error: unknown): WireErrorReply;
}
