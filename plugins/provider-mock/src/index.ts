/**
 * @packageDocumentation
 * @module @hub/provider-mock
 * @document ../README.md
 */

// The public API of @hub/provider-mock, listed explicitly.

export { chooseToolCalls } from './choose-tool-calls.js';
export { countMockTokens } from './count-mock-tokens.js';
export { createMockProvider } from './create-mock-provider.js';
export { type DefaultReplyOptions, defaultReply } from './default-reply.js';
export { embedText } from './embed-text.js';
export { fillFromSchema } from './fill-from-schema.js';
export { MOCK_EMBEDDING_DIMENSIONS, MOCK_MODELS } from './mock-catalog.js';
export { type MockPlugin, mockPlugin } from './mock-plugin.js';
export type { MockEmbeddingAnswer, MockProvider } from './mock-provider.js';
export type { MockProviderOptions } from './mock-provider-options.js';
export {
  MOCK_SCENARIOS,
  MOCK_SLOW_DELAYS,
  type MockScenario,
  type MockScenarioContext,
} from './mock-scenarios.js';
export type {
  MockCall,
  MockCallEnd,
  MockEmbeddingCall,
  MockStep,
  MockTokenCountCall,
  MockToolCall,
} from './mock-script.js';
