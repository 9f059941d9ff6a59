import {
  type CompletionRequest,
  type CompletionResponse,
  ConnectorError,
  type FinishReason,
  responseToChunks,
  type StreamChunk,
  sleep,
  type Usage,
} from '@hub/core';
import { countMockTokens, countTextTokens } from './count-mock-tokens.js';
import type { MockStep } from './mock-script.js';
import { untilAborted } from './until-aborted.js';

/** What `mockChunks` needs besides the step. */
export interface MockChunksContext {
  readonly providerId: string;
  /** The response id (`mock-<n>`); tool call ids default to `call_<n>_<index>`. */
  readonly responseNumber: number;
  readonly signal: AbortSignal | undefined;
}

/** Usage of an answer of `output`: the request counted by `countMockTokens`, the output by characters. */
export function mockUsage(request: CompletionRequest, output: string): Usage {
  const inputTokens = countMockTokens(request);
  const outputTokens = countTextTokens(output);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/**
 * The stream chunks of one completion step (a completion step: never `embedding` or
 * `token-count`), honouring the step's delays and the call's signal. Ends with `finish`, or
 * throws.
 */
export async function* mockChunks(
  step: MockStep,
  request: CompletionRequest,
  context: MockChunksContext,
): AsyncGenerator<StreamChunk> {
  const { providerId, responseNumber, signal } = context;
  const origin = { providerId, model: request.model };
  const finish = (finishReason: FinishReason, usage: Usage): StreamChunk => ({
    type: 'finish',
    finishReason,
    usage,
    responseId: `mock-${responseNumber}`,
    model: request.model,
  });
  switch (step.type) {
    case 'text': {
      await sleep(step.delayMs ?? 0, signal, origin);
      const words = step.text.match(/\S+\s*|\s+/g) ?? [''];
      for (const word of words) {
        await sleep(step.chunkDelayMs ?? 0, signal, origin);
        yield { type: 'text-delta', text: word };
      }
      yield finish(step.finishReason ?? 'stop', step.usage ?? mockUsage(request, step.text));
      return;
    }
    case 'tool-call':
      yield {
        type: 'tool-call-delta',
        index: 0,
        id: step.id ?? `call_${responseNumber}`,
        name: step.name,
        argumentsDelta: step.arguments,
      };
      yield finish('tool_calls', mockUsage(request, step.arguments));
      return;
    case 'tool-calls': {
      if (step.text !== undefined) yield { type: 'text-delta', text: step.text };
      let output = step.text ?? '';
      for (const [index, call] of step.calls.entries()) {
        yield {
          type: 'tool-call-delta',
          index,
          id: call.id ?? `call_${responseNumber}_${index}`,
          name: call.name,
          argumentsDelta: call.arguments,
        };
        output += call.name + call.arguments;
      }
      yield finish('tool_calls', mockUsage(request, output));
      return;
    }
    case 'chunks':
      for (const chunk of step.chunks) {
        await sleep(step.chunkDelayMs ?? 0, signal, origin);
        yield chunk;
      }
      // honour the contract: a stream without its finish chunk is an error, never a short answer
      if (step.chunks.at(-1)?.type !== 'finish') {
        throw new ConnectorError('stream', 'The mock stream ended without a finish chunk.', { providerId });
      }
      return;
    case 'error': {
      await sleep(step.delayMs ?? 0, signal, origin);
      const words = (step.text ?? 'partial answer before the failure').split(' ');
      for (let index = 0; index < (step.afterChunks ?? 0); index++) {
        yield { type: 'text-delta', text: `${words[index % words.length]} ` };
      }
      throw step.error;
    }
    case 'hang':
      if (step.text !== undefined) yield { type: 'text-delta', text: step.text };
      await untilAborted(signal, origin);
      return;
    case 'response':
      yield* responseToChunks(completeResponse(step.response, providerId, request.model, responseNumber));
      return;
    default:
      throw new ConnectorError('config', `A "${step.type}" step cannot answer a completion.`, { providerId });
  }
}

/** A full response from a scripted partial one: provider and model filled in, text as content. */
export function completeResponse(
  partial: Partial<CompletionResponse>,
  provider: string,
  model: string,
  responseNumber: number,
): CompletionResponse {
  const text = partial.text ?? '';
  return {
    id: partial.id ?? `mock-${responseNumber}`,
    provider,
    model: partial.model ?? model,
    text,
    content: partial.content ?? (text === '' ? [] : [{ type: 'text', text }]),
    finishReason: partial.finishReason ?? 'stop',
    usage: partial.usage ?? { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    ...(partial.cost !== undefined && { cost: partial.cost }),
  };
}
