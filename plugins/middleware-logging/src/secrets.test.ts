import { type CompletionRequest, ConnectorError, createHub, type Middleware } from '@hub/core';
import { mockPlugin } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { createSanitizer } from './create-sanitizer.js';
import { logging } from './logging.js';
import { captureLogger } from './test-support/capture-logger.js';

// Real-looking credentials (none of them valid).
const OPENAI_KEY = `sk-proj-${'Q7x2Lm9Pz4Vb8Nc1Kd6Rf3Ts5Wh0Yj2A'.slice(0, 24)}${'e9R4t7Y1u3I6o8P0a2S5d7F9g1H3j5K'.slice(0, 24)}`;
const ANTHROPIC_KEY =
  'sk-ant-api03-Xb7Kq2Lm9Pz4Vc8Nd1Rf6Ts3Wh5Yj0Ae2Bg4Ci6Dk8El0Fm2Gn4Ho6Ip8Jq0Kr2Ls4Mt6Nu8Ov0Pw2Qx4Ry6Sz8Ta0Ub2Vc4Wd6-Xe8YfAA';
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const GOOGLE_KEY = 'AIzaSyD4x7Kq2Lm9Pz4Vc8Nd1Rf6Ts3Wh5Yj0Ae';
const BEARER_OPAQUE = 'ya29.a0AfH6SMBx3Kq2Lm9Pz4Vc8Nd1Rf6Ts3Wh5Yj0Ae2Bg4Ci6';
const BEARER_JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJodWItdGVzdCIsImlhdCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
const QUERY_TOKEN = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const SECRETS = [
  OPENAI_KEY,
  ANTHROPIC_KEY,
  AWS_KEY_ID,
  AWS_SECRET,
  GOOGLE_KEY,
  BEARER_OPAQUE,
  BEARER_JWT,
  QUERY_TOKEN,
];

/** Every secret, plus its distinctive tail, so partial leaks are caught too. */
const NEEDLES = SECRETS.flatMap((secret) => [secret, secret.slice(-16)]);

const leakyRequest = (model: string): CompletionRequest => ({
  model,
  messages: [
    { role: 'system', content: `Use AWS ${AWS_KEY_ID} with aws_secret_access_key=${AWS_SECRET}.` },
    {
      role: 'user',
      content: `My keys: ${OPENAI_KEY} and ${ANTHROPIC_KEY}. Header: Authorization: Bearer ${BEARER_OPAQUE}`,
    },
    {
      role: 'assistant',
      content: `Call https://maps.example.test/geo?key=${GOOGLE_KEY}&token=${QUERY_TOKEN}`,
    },
    { role: 'user', content: [{ type: 'text', text: `jwt ${BEARER_JWT}` }] },
  ],
  metadata: {
    tenant: 'acme',
    apiKey: 'looks-harmless-but-is-a-key',
    note: `rotated ${OPENAI_KEY}`,
    authorization: `Bearer ${BEARER_JWT}`,
    upstream: `https://x.test/v1?access_token=${QUERY_TOKEN}`,
  },
});

/** Sets credential headers the way an auth middleware does, and annotates with a secret URL. */
const credentialHeaders: Middleware = {
  name: 'credential-headers',
  onRequest(_request, context) {
    context.setHeader('authorization', `Bearer ${BEARER_JWT}`);
    context.setHeader('x-api-key', ANTHROPIC_KEY);
    context.metadata.set('debug.url', `https://maps.example.test/geo?key=${GOOGLE_KEY}`);
    context.metadata.set('debug.auth', `Bearer ${BEARER_OPAQUE}`);
  },
};

const leakyError = (providerId: string, code: 'authentication' | 'overloaded') =>
  new ConnectorError(
    code,
    `Incorrect API key provided: ${OPENAI_KEY}. Sent headers {"authorization":"Bearer ${BEARER_OPAQUE}","x-api-key":"${ANTHROPIC_KEY}"}, AWS ${AWS_KEY_ID}, ${GOOGLE_KEY}`,
    {
      providerId,
      status: code === 'authentication' ? 401 : 529,
      providerCode: `invalid_api_key ${OPENAI_KEY}`,
      cause: { headers: { authorization: `Bearer ${BEARER_JWT}` }, secret: AWS_SECRET },
    },
  );

const callOptions = {
  headers: {
    authorization: `Bearer ${BEARER_OPAQUE}`,
    'x-api-key': ANTHROPIC_KEY,
    'x-goog-api-key': GOOGLE_KEY,
  },
};

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // consume everything
  }
}

describe('logging never writes a secret', () => {
  it.each([false, true])(
    'with includeContent %s, across success, failure, fallback and streams',
    async (includeContent) => {
      const { logger, raw, lines } = captureLogger('trace');
      const primary = mockPlugin({ providerId: 'primary' });
      const backup = mockPlugin({ providerId: 'backup' });
      const hub = createHub({
        plugins: [primary, backup],
        routes: { default: ['primary/mock-1', 'backup/mock-1'] },
        middleware: [logging({ logger, sanitizer: createSanitizer({ includeContent }) }), credentialHeaders],
      });
      const answer = `Sure: ${OPENAI_KEY} / Bearer ${BEARER_OPAQUE} / ${AWS_KEY_ID}`;

      primary.provider.enqueue({ type: 'text', text: answer });
      await hub.complete(leakyRequest('primary/mock-1'), callOptions);

      primary.provider.enqueue({ type: 'text', text: answer });
      await drain(hub.stream(leakyRequest('primary/mock-1'), callOptions));

      primary.provider.enqueue({ type: 'error', error: leakyError('primary', 'overloaded') });
      backup.provider.enqueue({ type: 'text', text: answer });
      await hub.complete(leakyRequest('default'), callOptions);

      primary.provider.enqueue({ type: 'error', error: leakyError('primary', 'authentication') });
      await expect(hub.complete(leakyRequest('primary/mock-1'), callOptions)).rejects.toMatchObject({
        code: 'authentication',
      });

      primary.provider.enqueue({ type: 'error', error: leakyError('primary', 'authentication') });
      await expect(drain(hub.stream(leakyRequest('primary/mock-1'), callOptions))).rejects.toMatchObject({
        code: 'authentication',
      });

      // five calls; three failed attempts (the fallback's first, and both authentication failures) at debug
      expect(lines.filter((line) => line.event === 'hub.call')).toHaveLength(5);
      expect(lines.filter((line) => line.event === 'hub.attempt')).toHaveLength(3);

      for (const line of raw) {
        for (const needle of NEEDLES) expect(line).not.toContain(needle);
      }
      // the lines still say what happened
      const failure = lines.find((line) => line.event === 'hub.call' && line.outcome === 'authentication');
      expect(failure?.error).toMatchObject({
        code: 'authentication',
        status: 401,
        providerId: 'primary',
        message: expect.stringContaining('Incorrect API key provided: [REDACTED]'),
      });
      expect(raw.join('\n')).not.toContain('cause');
      const success = lines.find((line) => line.event === 'hub.call' && line.outcome === 'success');
      expect(success?.metadata).toEqual({
        tenant: 'acme',
        apiKey: '[REDACTED]',
        note: 'rotated [REDACTED]',
        authorization: '[REDACTED]',
        upstream: 'https://x.test/v1?access_token=[REDACTED]',
      });
      if (includeContent) {
        expect(success?.completion).toBe('Sure: [REDACTED] / Bearer [REDACTED] / [REDACTED]');
        expect(JSON.stringify(success?.prompt)).toContain('aws_secret_access_key=[REDACTED]');
      }
    },
  );
});
