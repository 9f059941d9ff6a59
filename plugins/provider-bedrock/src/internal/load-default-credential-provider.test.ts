import { ConfigError, ConnectorError } from '@hub/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { converseJson, createFakeBedrock, type FakeBedrock } from '../__fixtures__/fake-bedrock.js';
import { createBedrockProvider } from '../bedrock-provider.js';
import {
  CREDENTIAL_PROVIDERS_PACKAGE,
  loadDefaultCredentialProvider,
} from './load-default-credential-provider.js';

// In this file the optional peer dependency is not installed: importing it fails the way Node
// fails for a missing package. Applications with static credentials or an API key must not notice.
vi.mock('@aws-sdk/credential-providers', () => {
  throw Object.assign(new Error("Cannot find package '@aws-sdk/credential-providers'"), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
});

const REGION = 'us-east-1';
const IDENTITY = { accessKeyId: 'AKIDLAZYLOADTEST', secretAccessKey: 'lazy-load-test-secret-0123456789' };
const API_KEY = 'ABSKbGF6eS1sb2FkLXRlc3QtYXBpLWtleS12YWx1ZQ==';
const ask = {
  model: 'anthropic.claude-3-haiku-20240307-v1:0',
  messages: [{ role: 'user' as const, content: 'Hi' }],
};
const answer = converseJson({
  output: { message: { role: 'assistant', content: [{ text: 'Hello' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
});

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(ConnectorError.isInstance(error), `expected a ConnectorError, got ${String(error)}`).toBe(true);
  return error as ConnectorError;
}

describe('the optional @aws-sdk/credential-providers', () => {
  let fake: FakeBedrock | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('explains a missing package as a config error naming it and the alternatives', async () => {
    const error = await failure(loadDefaultCredentialProvider());
    expect(ConfigError.isConfigError(error)).toBe(true);
    expect((error as ConfigError).path).toBe('credentials');
    expect(error.message).toContain(`npm install ${CREDENTIAL_PROVIDERS_PACKAGE}`);
    expect(error.message).toMatch(/pass credentials, or a Bedrock apiKey/);
    expect(error.retryable).toBe(false);
    // the real dynamic import ran and failed (vitest wraps the failure of a mocked module)
    const causes: string[] = [];
    for (let cause = error.cause; cause instanceof Error; cause = cause.cause) causes.push(cause.message);
    expect(causes.join(' | ')).toContain("Cannot find package '@aws-sdk/credential-providers'");
  });

  it('is never needed with static credentials or an API key', async () => {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    fake.allowApiKey(API_KEY);
    fake.enqueue(answer, answer);
    const env = {};
    const signed = createBedrockProvider(
      { region: REGION, endpoint: fake.url, credentials: IDENTITY },
      { env },
    );
    const keyed = createBedrockProvider({ region: REGION, endpoint: fake.url, apiKey: API_KEY }, { env });
    expect((await signed.sendCompletion(ask)).text).toBe('Hello');
    expect((await keyed.sendCompletion(ask)).text).toBe('Hello');
    expect(fake.verified.map((entry) => entry.auth.scheme)).toEqual(['sigv4', 'bearer']);
    await signed.close?.();
    await keyed.close?.();
  });

  it('fails a call that needs the default chain before sending anything, and tries again on the next call', async () => {
    fake = await createFakeBedrock(REGION);
    const load = vi.fn(async () => {
      throw Object.assign(new Error(`Cannot find package '${CREDENTIAL_PROVIDERS_PACKAGE}'`), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    });
    const provider = createBedrockProvider(
      { region: REGION, endpoint: fake.url },
      { env: {}, loadCredentialProviders: load },
    );
    // creating the provider loads nothing
    expect(load).not.toHaveBeenCalled();
    const first = await failure(provider.sendCompletion(ask));
    expect(first).toMatchObject({ code: 'config', path: 'credentials' });
    expect(first.message).toContain(CREDENTIAL_PROVIDERS_PACKAGE);
    const probed = await failure(provider.probe({}));
    expect(probed.code).toBe('config');
    expect(load).toHaveBeenCalledTimes(2);
    expect(fake.server.requests).toHaveLength(0);
    await provider.close?.();
  });

  it('loads the package once, on the first call, when it is installed', async () => {
    fake = await createFakeBedrock(REGION);
    fake.allow(IDENTITY);
    fake.enqueue(answer, answer);
    const fromNodeProviderChain = vi.fn(() => async () => IDENTITY);
    const load = vi.fn(async () => ({ fromNodeProviderChain }));
    const provider = createBedrockProvider(
      { region: REGION, endpoint: fake.url },
      { env: {}, loadCredentialProviders: load },
    );
    expect(load).not.toHaveBeenCalled();
    await provider.sendCompletion(ask);
    await provider.sendCompletion(ask);
    expect(load).toHaveBeenCalledTimes(1);
    expect(fromNodeProviderChain).toHaveBeenCalledTimes(1);
    expect(fake.verified.map((entry) => entry.auth)).toEqual([
      { scheme: 'sigv4', accessKeyId: IDENTITY.accessKeyId, sessionToken: undefined },
      { scheme: 'sigv4', accessKeyId: IDENTITY.accessKeyId, sessionToken: undefined },
    ]);
    await provider.close?.();
  });
});
