import type { CompletionRequest, Hub } from '@hub/core';

/** A tool call an upstream is scripted to make. */
export interface ScriptedToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text. */
  readonly arguments: string;
}

/**
 * One upstream the AI SDK tests run against: a hub whose providers answer from a script, so the
 * same test drives the in-memory mock provider and a real provider over HTTP.
 *
 * Routes: `main` goes to the working target alone; `resilient` lists a target that always fails
 * with a retryable error first, then the working target.
 */
export interface UpstreamHarness {
  readonly hub: Hub;
  /** The hub provider id of the working target. */
  readonly providerId: string;
  /** The hub provider id of the always-failing target. */
  readonly failingProviderId: string;
  /** Answers the next call with `text` (streamed in pieces when the call streams). */
  replyText(text: string): void;
  /** Answers the next call with one tool call. */
  replyToolCall(call: ScriptedToolCall): void;
  /** Answers the next (streaming) call with `text`, then breaks the stream. */
  replyBrokenStream(text: string): void;
  /** Answers the next (streaming) call with `text`, then sends nothing more until the call ends. */
  replyStall(text: string): void;
  /** Fails the next call of the working target with a retryable upstream error. */
  replyFailure(): void;
  /** Requests the working target received, in the hub's unified model, oldest first. */
  readonly requests: readonly CompletionRequest[];
  /** Calls the failing target received. */
  failingCalls(): number;
  /** Resolves when the working target's upstream connection of an active call was closed early. */
  upstreamClosed(): Promise<void>;
  close(): Promise<void>;
}
