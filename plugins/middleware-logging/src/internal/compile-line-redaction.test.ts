import { ConnectorError, createHub, ErrorAction, type Middleware } from '@hub/core';
import { createEmbeddingMock } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { createSanitizer } from '../create-sanitizer.js';
import { logging } from '../logging.js';
import type { Sanitizer } from '../sanitizer.js';
import { captureLogger } from '../test-support/capture-logger.js';
import { compileLineRedaction, LINE_FIELDS } from './compile-line-redaction.js';

/** A sanitizer that changes nothing by itself: whatever is censored was censored by its paths. */
const pathsOnly = (redactPaths: string[]): Sanitizer => ({
  includeContent: false,
  redactPaths,
  text: (value) => value,
  value: (value) => value,
});

describe('compileLineRedaction', () => {
  it('leaves nothing to do per line for the default sanitizer: its names cover the default paths', () => {
    const sanitizer = createSanitizer();
    const redaction = compileLineRedaction(sanitizer);
    expect(redaction.censorFields).toBeUndefined();
    const metadata = { tenant: 'acme', authorization: 'x', 'x-api-key': 'y', note: 'Bearer abcdefghijkl' };
    expect(redaction.freeForm('metadata', metadata)).toEqual(sanitizer.value(metadata));
    expect(redaction.freeForm('metadata', metadata)).toEqual({
      tenant: 'acme',
      authorization: '[REDACTED]',
      'x-api-key': '[REDACTED]',
      note: 'Bearer [REDACTED]',
    });
  });

  it('censors line fields named by a path or by the sanitizer, copying nested objects', () => {
    const byPath = compileLineRedaction(pathsOnly(['model', '*.providerCode']));
    const error = { code: 'rate_limit', providerCode: 'tenant-7' };
    const line: Record<string, unknown> = { event: 'hub.call', model: 'm', error };
    byPath.censorFields?.(line);
    expect(line).toEqual({
      event: 'hub.call',
      model: '[REDACTED]',
      error: { code: 'rate_limit', providerCode: '[REDACTED]' },
    });
    expect(error.providerCode).toBe('tenant-7');

    const byName = compileLineRedaction(createSanitizer({ redactFields: ['*.responseModel'] }));
    const named: Record<string, unknown> = { event: 'hub.call', responseModel: 'm-2024' };
    byName.censorFields?.(named);
    expect(named).toEqual({ event: 'hub.call', responseModel: '[REDACTED]' });
  });

  it('applies the paths the sanitizer does not cover inside free-form fields, never mutating them', () => {
    const redaction = compileLineRedaction(pathsOnly(['metadata.tenant', 'prompt[*].content', '*.absent']));
    const metadata = { tenant: 'acme', region: 'eu' };
    expect(redaction.freeForm('metadata', metadata)).toEqual({ tenant: '[REDACTED]', region: 'eu' });
    expect(metadata).toEqual({ tenant: 'acme', region: 'eu' });
    const prompt = [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hello' },
    ];
    expect(redaction.freeForm('prompt', prompt)).toEqual([
      { role: 'system', content: '[REDACTED]' },
      { role: 'user', content: '[REDACTED]' },
    ]);
    expect(prompt[0]?.content).toBe('be brief');
    // nothing matched: the value comes back as it was, not copied
    const annotations = { 'cache.hit': 'true' };
    expect(redaction.freeForm('annotations', annotations)).toBe(annotations);
  });

  it('lists every field a line can have', async () => {
    const { logger, lines } = captureLogger('debug');
    const annotate: Middleware = {
      name: 'annotate',
      onRequest(_request, context) {
        context.metadata.set('note', 'x');
      },
    };
    const priced: Middleware = {
      name: 'priced',
      onResponse: (response) => ({ ...response, cost: { inputUsd: 1, outputUsd: 1, totalUsd: 2 } }),
    };
    const mock = createEmbeddingMock();
    mock.enqueue(
      {
        type: 'error',
        error: new ConnectorError('rate_limit', 'slow down', {
          providerId: 'mock',
          status: 429,
          providerCode: 'rate_limit_exceeded',
        }),
      },
      {
        type: 'text',
        text: 'answer',
        usage: {
          inputTokens: 3,
          outputTokens: 4,
          totalTokens: 7,
          cachedInputTokens: 1,
          reasoningTokens: 2,
        },
      },
    );
    const hub = createHub({
      providers: [mock],
      routes: { fast: ['mock/mock-1'] },
      middleware: [
        // retries the rate limit once, so one call yields an attempt line and a success line; it
        // is outside logging so that logging's onError (which runs first) sees the failure
        {
          name: 'retry-once',
          onError: (_error, context) => (context.attempt === 1 ? ErrorAction.retry(0) : undefined),
        },
        logging({ logger, sanitizer: createSanitizer({ includeContent: true }) }),
        annotate,
        priced,
      ],
    });
    const request = {
      model: 'fast',
      messages: [{ role: 'user' as const, content: 'hi' }],
      metadata: { tenant: 'acme' },
    };
    for await (const _chunk of hub.stream(request)) {
      // drain
    }
    // embeddings and token counts write the fields only they have
    await hub.embed({ model: 'mock/embed-small', input: ['a', 'b'], dimensions: 3 });
    await hub.countTokens(request);
    const known = new Set(LINE_FIELDS.map((field) => field.join('.')));
    const written = new Set<string>();
    for (const line of lines) {
      for (const [key, value] of Object.entries(line)) {
        if (key === 'level' || key === 'msg') continue;
        written.add(key);
        if ((key === 'tokens' || key === 'error') && typeof value === 'object' && value !== null)
          for (const child of Object.keys(value)) written.add(`${key}.${child}`);
      }
    }
    expect(lines.map((line) => line.event)).toEqual(['hub.attempt', 'hub.call', 'hub.call', 'hub.call']);
    for (const field of written) expect(known).toContain(field);
    // and the lines did exercise the whole shape
    expect(written.size).toBe(known.size);
  });
});
