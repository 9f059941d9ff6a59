/**
 * @packageDocumentation
 * @module @hub/provider-openai-compatible
 * @document ../README.md
 */

// The public API of @hub/provider-openai-compatible, listed explicitly.

export type { ChatCompletionsQuirks, EmbeddingsOptions } from '@hub/provider-openai/internal';

export {
  createOpenAICompatibleProvider,
  type OpenAICompatibleOptions,
} from './create-openai-compatible-provider.js';
export {
  type OpenAICompatibleConfig,
  type OpenAICompatibleConfigInput,
  openAICompatibleConfig,
} from './openai-compatible-config.js';
export { openaiCompatible } from './openai-compatible-plugin.js';
export {
  OPENAI_COMPATIBLE_PRESETS,
  type OpenAICompatiblePreset,
  type OpenAICompatiblePresetName,
} from './openai-compatible-presets.js';
