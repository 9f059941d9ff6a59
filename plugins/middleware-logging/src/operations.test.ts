import { ConnectorError, createHub, type Middleware } from '@hub/core';
import { createEmbeddingMock } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { createSanitizer } from './create-sanitizer.js';
import { logging } from './logging.js';
import { captureLogger } from './test-support/capture-logger.js';

// user text, as search documents are: it must never reach a log line, whatever includeContent says
const DIARY = 'Dear diary, today I told my therapist about the divorce';
const NOTES = 'Patient record 4471: allergic to penicillin';

describe('logging (embeddings and token counting)', () => {
  it.each([false, true])(
    'writes an embed line with input count and size, never the input text (includeContent %s)',
    async (includeContent) => {
      const { logger, raw, lines } = captureLogger('info');
      const provider = createEmbeddingMock({ dimensions: 4 });
      const chatOnly: string[] = [];
      const thirdParty: Middleware = {
        name: 'chat-only',
        onSettled: (_outcome, context) => {
          chatOnly.push(context.operation);
        },
      };
      const hub = createHub({
        providers: [provider],
        middleware: [logging({ logger, sanitizer: createSanitizer({ includeContent }) }), thirdParty],
      });
      await hub.embed(
        { model: 'mock/embed-small', input: [DIARY, NOTES], dimensions: 4, metadata: { tenant: 'acme' } },
        { requestId: 'req-embed' },
      );
      expect(lines).toEqual([
        {
          level: 30,
          msg: 'hub call succeeded',
          event: 'hub.call',
          requestId: 'req-embed',
          operation: 'embed',
          provider: 'mock',
          model: 'embed-small',
          inputs: 2,
          inputCharacters: DIARY.length + NOTES.length,
          dimensions: 4,
          latencyMs: expect.any(Number),
          attempts: 1,
          fallbacks: 0,
          outcome: 'success',
          cached: false,
          responseModel: 'embed-small',
          vectors: 2,
          tokens: { input: Math.ceil(DIARY.length / 4) + Math.ceil(NOTES.length / 4) },
          metadata: { tenant: 'acme' },
        },
      ]);
      for (const text of [DIARY, NOTES, 'diary', 'penicillin']) expect(raw.join('\n')).not.toContain(text);
      expect(chatOnly).toEqual([]);
    },
  );

  it('logs a failed embedding attempt and call with the operation, still without the text', async () => {
    const { logger, raw, lines } = captureLogger('debug');
    const provider = createEmbeddingMock();
    provider.failures.push(
      new ConnectorError('invalid_request', 'Input too long.', { providerId: 'mock', status: 400 }),
    );
    const hub = createHub({ providers: [provider], middleware: [logging({ logger })] });
    await expect(hub.embed({ model: 'mock/embed-small', input: DIARY })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(lines.map((line) => [line.event, line.operation, line.outcome])).toEqual([
      ['hub.attempt', 'embed', undefined],
      ['hub.call', 'embed', 'invalid_request'],
    ]);
    expect(lines[1]).toMatchObject({ inputs: 1, inputCharacters: DIARY.length, error: { status: 400 } });
    expect(raw.join('\n')).not.toContain('diary');
  });

  it('writes a count-tokens line with the count and whether it is exact', async () => {
    const { logger, lines } = captureLogger('info');
    const hub = createHub({ providers: [createEmbeddingMock()], middleware: [logging({ logger })] });
    await hub.countTokens(
      { model: 'mock/mock-1', messages: [{ role: 'user', content: 'How many tokens?' }] },
      { requestId: 'req-count' },
    );
    expect(lines).toEqual([
      {
        level: 30,
        msg: 'hub call succeeded',
        event: 'hub.call',
        requestId: 'req-count',
        operation: 'count-tokens',
        provider: 'mock',
        model: 'mock-1',
        messages: 1,
        latencyMs: expect.any(Number),
        attempts: 1,
        fallbacks: 0,
        outcome: 'success',
        cached: false,
        tokens: { input: 42 },
        exact: true,
      },
    ]);
  });
});
