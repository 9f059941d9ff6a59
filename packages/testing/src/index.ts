// The public API of @hub/testing, listed explicitly.

export { catchConnectorError } from './catch-connector-error.js';
export { collectChunks } from './collect-chunks.js';
export { createMockProvider, type MockProvider, type MockProviderOptions } from './create-mock-provider.js';
export { createTestContext, type TestContext, type TestContextOptions } from './create-test-context.js';
export { type FixtureReader, fixtureReader, splitSseFrames, sseFrame } from './fixtures.js';
export { type MockPlugin, mockPlugin } from './mock-plugin.js';
export type { MockCall, MockStep } from './mock-script.js';
export {
  type ContractErrorKind,
  describeProviderContract,
  type ProviderContractHarness,
} from './provider-contract-suite.js';
export {
  createScriptedServer,
  type RecordedRequest,
  type ScriptedReply,
  type ScriptedServer,
} from './scripted-server.js';
