import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorError } from '@hub/core';
import { createScriptedServer } from '@hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationDefaultCredentials } from './application-default-credentials.js';
import { createVertexProvider } from './create-vertex-provider.js';
import { fixtures } from './test-support/fixtures.js';

// The real google-auth-library, without network: an external-account (workload identity
// federation) credential reads its subject token from a file and exchanges it at `token_url`,
// which here is a local fake of Google's STS endpoint. (Service-account keys cannot be used:
// the library ignores their token_uri and always calls oauth2.googleapis.com.)
describe('applicationDefaultCredentials with google-auth-library', () => {
  let sts: Server;
  let stsUrl: string;
  let directory: string;
  const exchanges: URLSearchParams[] = [];
  let credentials: Record<string, unknown>;

  beforeAll(async () => {
    sts = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        exchanges.push(new URLSearchParams(body));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            access_token: `sts-access-token-${exchanges.length}`,
            issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        );
      });
    });
    await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
    stsUrl = `http://127.0.0.1:${(sts.address() as AddressInfo).port}/v1/token`;
    directory = mkdtempSync(join(tmpdir(), 'hub-provider-google-'));
    const subjectTokenFile = join(directory, 'subject-token.jwt');
    writeFileSync(subjectTokenFile, 'eyJhbGciOiJSUzI1NiJ9.fake-oidc-subject-token.signature');
    credentials = {
      type: 'external_account',
      audience:
        '//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/pool/providers/provider',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: stsUrl,
      credential_source: { file: subjectTokenFile },
    };
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => sts.close(() => resolve()));
    rmSync(directory, { recursive: true, force: true });
  });

  it('exchanges the credential for a cloud-platform token and reports its expiry', async () => {
    const before = Date.now();
    const fetchToken = applicationDefaultCredentials({ credentials });
    const token = await fetchToken(new AbortController().signal);
    expect(token.token).toMatch(/^sts-access-token-\d+$/);
    expect(Number(token.expiresAt)).toBeGreaterThanOrEqual(before + 3_590_000);
    const exchange = exchanges.at(-1);
    expect(exchange?.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:token-exchange');
    expect(exchange?.get('subject_token')).toBe('eyJhbGciOiJSUzI1NiJ9.fake-oidc-subject-token.signature');
    expect(exchange?.get('scope')).toBe('https://www.googleapis.com/auth/cloud-platform');
  });

  it('authenticates Vertex AI requests end to end through the real library', async () => {
    const server = await createScriptedServer();
    server.enqueue({ body: fixtures.json('generate-content-text.json') });
    const provider = createVertexProvider(
      { project: 'my-project', location: 'global', credentials, baseUrl: `${server.url}/v1` },
      { env: {} },
    );
    const response = await provider.sendCompletion({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    expect(response.text).toBe('Hello there!');
    expect(server.requests[0]?.url).toBe(
      '/v1/projects/my-project/locations/global/publishers/google/models/gemini-2.5-flash:generateContent',
    );
    expect(server.requests[0]?.headers.authorization).toMatch(/^Bearer sts-access-token-\d+$/);
    await provider.close?.();
    await server.close();
  });

  it('reports a library that cannot be loaded as a config error naming tokenProvider', async () => {
    const fetchToken = applicationDefaultCredentials({
      loadLibrary: async () => {
        throw new Error("Cannot find package 'google-auth-library'");
      },
    });
    const error = await fetchToken(new AbortController().signal).catch((caught: unknown) => caught);
    expect(ConnectorError.isInstance(error) && error.code).toBe('config');
    expect((error as { path?: string }).path).toBe('tokenProvider');
  });

  it('stops waiting when the signal aborts', async () => {
    const fetchToken = applicationDefaultCredentials({
      loadLibrary: () => new Promise(() => undefined),
    });
    const controller = new AbortController();
    const pending = fetchToken(controller.signal).catch((caught: unknown) => caught);
    controller.abort();
    const error = await pending;
    expect(ConnectorError.isInstance(error) && error.code).toBe('cancelled');
  });
});
