import { type CompletionRequest, ConnectorError, createHub, type Middleware } from '@hub/core';
import { createEmbeddingMock, mockPlugin } from '@hub/testing';
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

// Every credential shape the package's former masking copy caught, plus those @hub/core's one
// policy adds (URL userinfo, ya29 OAuth tokens, ghu_, keys after `_`): fake values in each shape.
const GITHUB_TOKEN = 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const SHAPES: Record<string, string> = {
  github: GITHUB_TOKEN,
  githubUser: 'ghu_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa',
  githubFineGrained: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
  gitlab: 'glpat-Ab3De6Gh9Jk2Mn5Pq8St',
  slack: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp',
  huggingFace: 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  groq: 'gsk_Xy7Pq2Lm9Rt4Vw8Zb3Cd6Fg1Hj5Kn0Mp',
  xai: 'xai-Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6',
  openaiServiceAccount: 'sk-svcacct-Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6Kl9No2Qr5Tu8Wx1',
  awsTemporary: 'ASIAY34FZKBOKMUTVV7A',
  googleOAuth: 'ya29.a0AfH6SMBx7Qw3rTy8UiOp2AsDfGhJkL9Zx',
};
const SHAPED_TEXT = [
  ...Object.values(SHAPES),
  `bad_key_sk-svcacct-Zq8xT3vLmN4pR7sW2yB6cD9fG1hJ5kQ0`,
  'Authorization: Basic dXNlcjpwYXNzd29yZC1sb25n',
  'redis://:s3cret-pass@cache.internal:6379/0',
  'postgres://hub:pa55word-2024@db:5432/hub',
  'https://blob.test/c?sig=Zm9vYmFyYmF6cXV4MTIz&se=2030',
  'client_secret=Qw3rTy8UiOp2 grant_type=client_credentials',
].join(' | ');
const SHAPED_NEEDLES = [
  ...Object.values(SHAPES).map((secret) => secret.slice(-12)),
  'hJ5kQ0',
  'dXNlcjpwYXNzd29yZC1sb25n',
  's3cret-pass',
  'pa55word-2024',
  'Zm9vYmFyYmF6cXV4MTIz',
  'Qw3rTy8UiOp2',
];

describe('logging masks every credential shape of the one masking policy', () => {
  it('in error messages, metadata, completions and prompts, for completions and embeddings alike', async () => {
    const { logger, raw, lines } = captureLogger('trace');
    const provider = createEmbeddingMock({ providerId: 'primary' });
    const hub = createHub({
      providers: [provider],
      middleware: [logging({ logger, sanitizer: createSanitizer({ includeContent: true }) })],
    });
    const leaky = (code: 'authentication' | 'provider') =>
      new ConnectorError(code, `Upstream said: ${SHAPED_TEXT}`, {
        providerId: 'primary',
        providerCode: GITHUB_TOKEN,
      });
    provider.enqueue({ type: 'text', text: `Your tokens: ${SHAPED_TEXT}` });
    await hub.complete({
      model: 'primary/mock-1',
      messages: [{ role: 'user', content: `Store these: ${SHAPED_TEXT}` }],
      metadata: { note: SHAPED_TEXT },
    });
    provider.enqueue({ type: 'error', error: leaky('authentication') });
    await expect(
      hub.complete({ model: 'primary/mock-1', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ code: 'authentication' });
    provider.failures.push(leaky('provider'));
    await expect(
      hub.embed({ model: 'primary/embed-small', input: SHAPED_TEXT, metadata: { note: SHAPED_TEXT } }),
    ).rejects.toMatchObject({ code: 'provider' });

    expect(lines.filter((line) => line.event === 'hub.call')).toHaveLength(3);
    for (const line of raw) for (const needle of SHAPED_NEEDLES) expect(line).not.toContain(needle);
    // masked, not dropped: readers still see what kind of credential was there
    const joined = raw.join('\n');
    expect(joined).toContain('Basic [REDACTED]');
    expect(joined).toContain('redis://[REDACTED]@cache.internal:6379/0');
    expect(joined).toContain('client_secret=[REDACTED]');
  });

  it('keeps ordinary words that only look like the start of a key', async () => {
    const { logger, lines } = captureLogger('info');
    const ordinary =
      'use sk-learn for this task-list; Bearer of bad news; tokens: 42; see redis://cache:6379';
    const provider = createEmbeddingMock();
    provider.enqueue({ type: 'text', text: ordinary });
    const hub = createHub({
      providers: [provider],
      middleware: [logging({ logger, sanitizer: createSanitizer({ includeContent: true }) })],
    });
    await hub.complete({ model: 'mock/mock-1', messages: [{ role: 'user', content: 'hi' }] });
    expect(lines[0]?.completion).toBe(ordinary);
  });
});
