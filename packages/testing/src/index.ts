/**
 * @packageDocumentation
 * @module @hub/testing
 * @document ../README.md
 */

// The public API of @hub/testing, listed explicitly.

// the mock provider lives in @hub/provider-mock; re-exported so existing imports keep working
export {
  createMockProvider,
  type MockCall,
  type MockPlugin,
  type MockProvider,
  type MockProviderOptions,
  type MockStep,
  mockPlugin,
} from '@hub/provider-mock';
export { catchConnectorError } from './catch-connector-error.js';
export { collectChunks } from './collect-chunks.js';
export { createTestContext, type TestContext, type TestContextOptions } from './create-test-context.js';
export { type FixtureReader, fixtureReader, splitSseFrames, sseFrame } from './fixtures.js';
export { type PrivateRedis, privateRedis } from './private-redis.js';
export {
  type ContractEmbeddingAnswer,
  type ContractEmbeddingHarness,
  type ContractErrorKind,
  type ContractUpstreamRequest,
  describeProviderContract,
  type ProviderContractHarness,
} from './provider-contract-suite.js';
export { type RawResponse, rawHttp } from './raw-http.js';
export {
  createScriptedServer,
  type RecordedRequest,
  type ScriptedReply,
  type ScriptedServer,
} from './scripted-server.js';
