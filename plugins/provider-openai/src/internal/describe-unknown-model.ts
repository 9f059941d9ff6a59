import type { ModelInfo } from '@hub/core';

const CONSERVATIVE = Object.freeze({
  streaming: true,
  tools: false,
  vision: false,
  json: false,
  reasoning: false,
});

/**
 * What is assumed about a model the server lists but the catalog does not know: streaming only,
 * an 8,192-token context, no prices (unknown prices are left out, never reported as zero).
 */
export function describeUnknownModel(id: string): ModelInfo {
  return { id, contextWindow: 8192, capabilities: CONSERVATIVE };
}
