import { answerText } from '../upstream/openai-chat-wire.js';
import { type ChatOutcome, classifyCompletion, classifyStream } from './chat-outcome.js';

/** One chat completion call of a scenario. */
export interface ChatCall {
  /** `model` of the body: a route alias or `provider/model`. */
  readonly model: string;
  /** The one user message; the upstream answers `answerText(prompt)`. */
  readonly prompt: string;
  readonly stream: boolean;
}

// a hang guard, not a deadline under test: far beyond any answer at 10× slowdown
const HANG_GUARD_MS = 60_000;

/**
 * Calls `POST /v1/chat/completions` and classifies how it ended. Never throws: a failed
 * connection or a hang is a `broken` outcome the scenario counts.
 */
export async function callChat(gatewayUrl: string, call: ChatCall): Promise<ChatOutcome> {
  const expected = answerText(call.prompt);
  try {
    const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: call.model,
        messages: [{ role: 'user', content: call.prompt }],
        ...(call.stream && { stream: true, stream_options: { include_usage: true } }),
      }),
      signal: AbortSignal.timeout(HANG_GUARD_MS),
    });
    const text = await response.text();
    return call.stream
      ? classifyStream(response.status, response.headers, text, expected)
      : classifyCompletion(response.status, response.headers, text, expected);
  } catch (error) {
    return { kind: 'broken', detail: `request failed: ${(error as Error).message}` };
  }
}
