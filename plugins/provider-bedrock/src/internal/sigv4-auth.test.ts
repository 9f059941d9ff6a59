import { type IncomingMessage, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeBedrock, type FakeBedrock } from '../__fixtures__/fake-bedrock.js';
import { CredentialCache } from './credential-cache.js';
import { SigV4Auth } from './sigv4-auth.js';

const IDENTITY = {
  accessKeyId: 'AKIAEXAMPLESIGV4TEST',
  secretAccessKey: 'sigv4/test/secret/EXAMPLEKEY0123456789',
  sessionToken: 'session-token-for-the-sigv4-test-0123456789',
};
const BODY = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'héllo' }] }] });

// These tests check the fake's verifier as much as the signer: a correctly signed request passes,
// and changing any signed part of it in transit fails, so the provider tests that pass against
// the fake prove real SigV4 signatures.
describe('SigV4Auth against the verifying fake', () => {
  let fake: FakeBedrock;
  afterEach(async () => fake?.close());

  async function signed(path: string, query: Record<string, string> = {}, body: string | undefined = BODY) {
    fake = await createFakeBedrock('us-east-1');
    fake.allow(IDENTITY);
    const url = new URL(fake.url);
    const auth = new SigV4Auth(
      'us-east-1',
      { protocol: url.protocol, hostname: url.hostname, host: url.host, port: Number(url.port) },
      new CredentialCache(async () => IDENTITY),
      false,
    );
    const headers = await auth.authorize(
      {
        method: body === undefined ? 'GET' : 'POST',
        path,
        query,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined && { body }),
      },
      undefined,
    );
    return { headers, auth };
  }

  async function send(path: string, headers: Record<string, string>, body: string | undefined = BODY) {
    fake.enqueue((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = request(
        `${fake.url}${path}`,
        { method: body === undefined ? 'GET' : 'POST', headers },
        resolve,
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    let text = '';
    for await (const chunk of response) text += String(chunk);
    return { status: response.statusCode, type: response.headers['x-amzn-errortype'], body: text };
  }

  it('produces signatures the fake accepts, with the token and body hash signed', async () => {
    const { headers, auth } = await signed('/model/amazon.nova-pro-v1%3A0/converse');
    expect(headers.authorization).toContain(
      'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,',
    );
    expect((await send('/model/amazon.nova-pro-v1%3A0/converse', headers)).status).toBe(200);
    expect(auth.secrets()).toEqual([IDENTITY.accessKeyId, IDENTITY.secretAccessKey, IDENTITY.sessionToken]);
  });

  it('signs query parameters', async () => {
    const { headers } = await signed('/async-invoke', { maxResults: '1' }, undefined);
    expect((await send('/async-invoke?maxResults=1', headers, undefined)).status).toBe(200);
    expect((await send('/async-invoke?maxResults=2', headers, undefined)).type).toMatch(
      /^InvalidSignatureException/,
    );
  });

  it('fails verification when the path changes in transit', async () => {
    const { headers } = await signed('/model/amazon.nova-pro-v1%3A0/converse');
    const result = await send('/model/amazon.nova-lite-v1%3A0/converse', headers);
    expect(result.status).toBe(403);
    expect(result.type).toMatch(/^InvalidSignatureException/);
  });

  it('fails verification when the body changes in transit', async () => {
    const { headers } = await signed('/model/m/converse');
    const result = await send('/model/m/converse', headers, BODY.replace('héllo', 'hallo'));
    expect(result.status).toBe(400);
    expect(result.type).toMatch(/^XAmzContentSHA256Mismatch/);
  });

  it('fails verification when a signed header changes in transit', async () => {
    const { headers } = await signed('/model/m/converse');
    const result = await send('/model/m/converse', { ...headers, 'content-type': 'text/plain' });
    expect(result.type).toMatch(/^InvalidSignatureException/);
  });

  it('fails verification when the session token is dropped', async () => {
    const { headers } = await signed('/model/m/converse');
    const { 'x-amz-security-token': _token, ...withoutToken } = headers;
    const result = await send('/model/m/converse', withoutToken);
    expect(result.type).toMatch(/^UnrecognizedClientException/);
  });
});
