import type { CompletionRequest } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { buildAnthropicCountTokensRequest } from './build-anthropic-count-tokens-request.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';

const request: CompletionRequest = {
  model: 'claude-sonnet-4-5',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Weather in Paris?' },
  ],
  tools: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
  toolChoice: { type: 'tool', name: 'get_weather' },
  parallelToolCalls: false,
  reasoning: { effort: 'low' },
  maxTokens: 5000,
  temperature: 1,
  topP: 0.5,
  stop: ['###'],
  user: 'u1',
  responseFormat: { type: 'json' },
};

describe('buildAnthropicCountTokensRequest', () => {
  it('keeps the inputs of the Messages body and nothing the counting endpoint rejects', () => {
    const messages = buildAnthropicRequest(request, { stream: false });
    expect(buildAnthropicCountTokensRequest(request)).toEqual({
      model: messages.model,
      system: messages.system,
      messages: messages.messages,
      tools: messages.tools,
      tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    expect(messages.system).toContain('JSON');
  });

  it('keeps counted provider params and drops generation-only ones', () => {
    const body = buildAnthropicCountTokensRequest({
      ...request,
      providerParams: {
        anthropic: {
          cache_control: { type: 'ephemeral' },
          context_management: { edits: [] },
          top_k: 10,
          metadata: { user_id: 'x' },
          stream: true,
          service_tier: 'standard_only',
        },
      },
    });
    expect(body).toMatchObject({ cache_control: { type: 'ephemeral' }, context_management: { edits: [] } });
    for (const field of [
      'max_tokens',
      'temperature',
      'top_p',
      'top_k',
      'stop_sequences',
      'metadata',
      'stream',
      'service_tier',
    ]) {
      expect(body).not.toHaveProperty(field);
    }
  });
});
