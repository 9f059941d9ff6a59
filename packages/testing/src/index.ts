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
export {
  createEmbeddingMock,
  type EmbeddingMock,
  type EmbeddingMockCall,
  type EmbeddingMockOptions,
} from './create-embedding-mock.js';
export { createTestContext, type TestContext, type TestContextOptions } from './create-test-context.js';
export { encodeFloat32Base64 } from './encode-float32-base64.js';
export { findFreePort } from './find-free-port.js';
export { type FixtureReader, fixtureReader, splitSseFrames, sseFrame } from './fixtures.js';
export { neverAnswers } from './never-answers.js';
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
  type RecordedStateChange,
  recordStateChanges,
  type StateChangeRecorder,
} from './record-state-changes.js';
export {
  createScriptedServer,
  type RecordedRequest,
  type ScriptedReply,
  type ScriptedServer,
} from './scripted-server.js';
export { settleWithClock } from './settle-with-clock.js';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
