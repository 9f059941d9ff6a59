import { DEFAULT_PROMPT } from '../clients/bench-client.js';

/** What the gateway load sends: an OpenAI chat completion (plain or streamed), an Anthropic message, an Open Responses request or an embeddings batch. */
export type GatewayEndpoint = 'chat' | 'chat-stream' | 'messages' | 'responses' | 'embeddings';

/** Inputs per embeddings request in the gateway load (each 1,536 dimensions). */
export const GATEWAY_EMBEDDING_INPUTS = 10;

/**
 * The path and JSON body of one request to `endpoint`, in that API's wire format: streams ask for
 * usage, Open Responses requests are not stored (identical requests would fill the store), and
 * Anthropic messages carry the `max_tokens` that API requires.
 *
 * @param endpoint - What to call.
 * @param model - The `model` field, as the target spells it (`openai/gpt-4o-mini` through the hub gateway).
 * @returns Path and body.
 */
export function gatewayRequest(endpoint: GatewayEndpoint, model: string): { path: string; body: string } {
  const messages = [{ role: 'user', content: DEFAULT_PROMPT }];
  switch (endpoint) {
    case 'chat':
      return { path: '/v1/chat/completions', body: JSON.stringify({ model, messages }) };
    case 'chat-stream':
      return {
        path: '/v1/chat/completions',
        body: JSON.stringify({ model, messages, stream: true, stream_options: { include_usage: true } }),
      };
    case 'messages':
      return { path: '/v1/messages', body: JSON.stringify({ model, max_tokens: 256, messages }) };
    case 'responses':
      return { path: '/v1/responses', body: JSON.stringify({ model, input: DEFAULT_PROMPT, store: false }) };
    case 'embeddings':
      return {
        path: '/v1/embeddings',
        body: JSON.stringify({
          model,
          input: Array.from({ length: GATEWAY_EMBEDDING_INPUTS }, (_, index) => `Benchmark input ${index}.`),
          encoding_format: 'base64',
        }),
      };
  }
}

/**
 * Whether an answer carries the upstream's text (or, for embeddings, every vector), so a gateway
 * that answers 200 with the wrong thing is never timed.
 *
 * @param endpoint - What was called.
 * @param body - The response body as text.
 * @param expected - The texts the fake upstream sends.
 * @returns Undefined when right, else what is wrong.
 */
export function checkGatewayAnswer(
  endpoint: GatewayEndpoint,
  body: string,
  expected: { readonly completion: string; readonly stream: string },
): string | undefined {
  if (endpoint === 'chat-stream') {
    let text = '';
    for (const event of body.split('\n\n')) {
      if (!event.startsWith('data: ') || event === 'data: [DONE]') continue;
      const chunk = JSON.parse(event.slice(6)) as { choices?: { delta?: { content?: string } }[] };
      text += chunk.choices?.[0]?.delta?.content ?? '';
    }
    return text === expected.stream ? undefined : `streamed text ${JSON.stringify(text.slice(0, 80))}`;
  }
  if (endpoint === 'embeddings') {
    const answer = JSON.parse(body) as { data?: unknown[] };
    return answer.data?.length === GATEWAY_EMBEDDING_INPUTS
      ? undefined
      : `${answer.data?.length ?? 0} vectors`;
  }
  // the text appears as a JSON string in each of the three formats; a substring check covers them all
  return body.includes(JSON.stringify(expected.completion)) ? undefined : `answer ${body.slice(0, 120)}`;
}
