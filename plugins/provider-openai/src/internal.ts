// NOT FOR USERS. What @hub/provider-openai-compatible builds its presets on, exported on the
// `@hub/provider-openai/internal` subpath so that the public API (`src/index.ts`) stays what
// applications need. Anything here may change in any release without notice.

export type { ChatCompletionsProviderOptions } from './chat-completions-provider-options.js';
export type { ChatCompletionsQuirks } from './chat-completions-quirks.js';
export {
  type ConfiguredDeadlines,
  configuredDeadlines,
  type DeadlineConfig,
} from './configured-deadlines.js';
export { createChatCompletionsProvider } from './create-chat-completions-provider.js';
export type { EmbeddingsOptions } from './embeddings-options.js';
export { REMOVED_MAX_RETRIES } from './openai-config.js';
