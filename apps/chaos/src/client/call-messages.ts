import { answerText } from '../upstream/openai-chat-wire.js';
import type { ChatCall } from './call-chat.js';
import type { ChatOutcome } from './chat-outcome.js';
import { classifyMessagesStream } from './messages-outcome.js';

// a hang guard, not a deadline under test
const HANG_GUARD_MS = 60_000;

/**
 * Calls `POST /v1/messages` (Anthropic's wire format) with `stream: true` and classifies how it
 * ended. Never throws: a failed connection or a hang is a `broken` outcome.
 */
export async function callMessagesStream(
  gatewayUrl: string,
  call: Omit<ChatCall, 'stream'>,
): Promise<ChatOutcome> {
  try {
    const response = await fetch(`${gatewayUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: call.model,
        max_tokens: 256,
        stream: true,
        messages: [{ role: 'user', content: call.prompt }],
      }),
      signal: AbortSignal.timeout(HANG_GUARD_MS),
    });
    return classifyMessagesStream(
      response.status,
      response.headers,
      await response.text(),
      answerText(call.prompt),
    );
  } catch (error) {
    return { kind: 'broken', detail: `request failed: ${(error as Error).message}` };
  }
}
