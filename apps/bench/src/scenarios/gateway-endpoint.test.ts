import { describe, expect, it } from 'vitest';
import { checkGatewayAnswer, GATEWAY_EMBEDDING_INPUTS, gatewayRequest } from './gateway-endpoint.js';

const expected = { completion: 'Hello!', stream: 'tok0 tok1 ' };

describe('gatewayRequest', () => {
  it('speaks each API: usage on streams, max_tokens for messages, no storage for responses', () => {
    const stream = gatewayRequest('chat-stream', 'openai/gpt-4o-mini');
    expect(stream.path).toBe('/v1/chat/completions');
    expect(JSON.parse(stream.body)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(JSON.parse(gatewayRequest('messages', 'm').body)).toMatchObject({ max_tokens: 256 });
    expect(JSON.parse(gatewayRequest('responses', 'm').body)).toMatchObject({
      store: false,
      input: 'Say hello.',
    });
    expect(JSON.parse(gatewayRequest('embeddings', 'm').body).input).toHaveLength(GATEWAY_EMBEDDING_INPUTS);
  });
});

describe('checkGatewayAnswer', () => {
  it('accepts a stream whose deltas spell the expected text and rejects one that does not', () => {
    const event = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
    expect(
      checkGatewayAnswer('chat-stream', `${event('tok0 ')}${event('tok1 ')}data: [DONE]\n\n`, expected),
    ).toBe(undefined);
    expect(checkGatewayAnswer('chat-stream', `${event('tok0 ')}data: [DONE]\n\n`, expected)).toMatch(
      /streamed text/,
    );
  });

  it('finds the completion text in chat, messages and responses bodies', () => {
    expect(
      checkGatewayAnswer(
        'messages',
        JSON.stringify({ content: [{ type: 'text', text: 'Hello!' }] }),
        expected,
      ),
    ).toBe(undefined);
    expect(checkGatewayAnswer('responses', JSON.stringify({ output_text: 'Bye' }), expected)).toMatch(
      /answer/,
    );
  });

  it('counts embedding vectors', () => {
    const data = Array.from({ length: GATEWAY_EMBEDDING_INPUTS }, (_, index) => ({ index }));
    expect(checkGatewayAnswer('embeddings', JSON.stringify({ data }), expected)).toBe(undefined);
    expect(checkGatewayAnswer('embeddings', JSON.stringify({ data: [] }), expected)).toBe('0 vectors');
  });
});
