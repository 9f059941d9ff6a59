import { type ScriptedReply, sseFrame } from '@hub/testing';
import { fixtures } from './fixtures.js';

type ErrorFixtures = Record<string, { status: number; body: unknown }>;

/** A `GenerateContentResponse` whose candidate says `text`; `finishReason` `null` leaves it out. */
export function textResponse(text: string, finishReason: string | null = 'STOP'): Record<string, unknown> {
  return {
    candidates: [
      {
        content: { parts: [{ text }], role: 'model' },
        ...(finishReason !== null && { finishReason }),
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
    modelVersion: 'gemini-2.5-flash',
    responseId: 'scripted-response',
  };
}

/**
 * Answers `text` in the shape the request asks for: a JSON response to `:generateContent`, an
 * SSE stream of `pieces` to `:streamGenerateContent?alt=sse`.
 */
export function textReply(pieces: readonly string[]): ScriptedReply {
  return (request, response) => {
    if (request.url.includes(':streamGenerateContent')) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      pieces.forEach((piece, index) => {
        response.write(sseFrame(textResponse(piece, index === pieces.length - 1 ? 'STOP' : null)));
      });
      response.end();
      return;
    }
    const body = JSON.stringify(textResponse(pieces.join('')));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  };
}

/** The documented error body `name` of `errors.json`, with its HTTP status. */
export function errorReply(name: string, headers: Record<string, string> = {}): ScriptedReply {
  const fixture = fixtures.json<ErrorFixtures>('errors.json')[name];
  if (fixture === undefined) throw new Error(`no error fixture ${name}`);
  return { status: fixture.status, body: fixture.body as object, headers };
}

/** A 429 `RESOURCE_EXHAUSTED` whose `RetryInfo` asks for `seconds`. */
export function rateLimitReply(seconds: number): ScriptedReply {
  return {
    status: 429,
    body: {
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` }],
      },
    },
  };
}
