/**
 * @packageDocumentation
 * @module @hub/provider-anthropic
 * @document ../README.md
 */

// The public API of @hub/provider-anthropic, listed explicitly: an API change is one visible diff here.

export {
  ANTHROPIC_API_VERSION,
  ANTHROPIC_DEFAULT_BASE_URL,
  type AnthropicConfig,
  type AnthropicOptions,
  anthropicConfig,
} from './anthropic-config.js';
export { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
export { ANTHROPIC_PLUGIN_NAME, anthropic } from './anthropic-plugin.js';
export { createAnthropicProvider } from './anthropic-provider.js';
