import type { ReasoningOptions } from '@hub/core';
import { findCatalogModel } from '@hub/provider-utils';
import { GEMINI_MODEL_CATALOG } from './gemini-model-catalog.js';
import type { GeminiThinkingConfig } from './gemini-wire-types.js';

// Thinking budgets for an effort level on 2.5 models. Pro cannot turn thinking off (its least
// is 128) and goes up to 32,768; Flash and Flash-Lite go from 0 (off) to 24,576.
const FLASH_BUDGETS = {
  none: 0,
  minimal: 0,
  low: 1_024,
  medium: 8_192,
  high: 24_576,
  xhigh: 24_576,
} as const;
const PRO_BUDGETS = {
  none: 128,
  minimal: 128,
  low: 1_024,
  medium: 8_192,
  high: 32_768,
  xhigh: 32_768,
} as const;
// Gemini 3 thinks in levels; `none` and `xhigh` go to the nearest level it has
const GEMINI_3_LEVELS = {
  none: 'minimal',
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'high',
} as const;

/**
 * Maps the unified reasoning options to Gemini's `thinkingConfig`:
 * - `budgetTokens` → `thinkingBudget` (any thinking model);
 * - otherwise `effort` → `thinkingLevel` on Gemini 3 models (which think in levels), or a
 *   `thinkingBudget` on 2.5 models: `minimal` 0 (128 on Pro, which cannot stop thinking), `low`
 *   1,024, `medium` 8,192, `high` 24,576 (32,768 on Pro);
 * - `includeThoughts: true`, so the thought summaries come back as reasoning, unless the budget
 *   is 0 (thinking off).
 * Models the catalog knows not to think (2.0 Flash, 2.0 Flash-Lite) get no `thinkingConfig`,
 * which they would reject.
 *
 * @param reasoning - The request's reasoning options.
 * @param model - The model id, to pick levels or budgets.
 * @returns The config, or `undefined` when nothing is to be sent.
 */
export function toGeminiThinkingConfig(
  reasoning: ReasoningOptions | undefined,
  model: string,
): GeminiThinkingConfig | undefined {
  if (reasoning === undefined) return undefined;
  const id = model.startsWith('models/') ? model.slice('models/'.length) : model;
  if (findCatalogModel(id, GEMINI_MODEL_CATALOG)?.capabilities.reasoning === false) return undefined;
  if (reasoning.budgetTokens !== undefined) {
    return { thinkingBudget: reasoning.budgetTokens, includeThoughts: reasoning.budgetTokens !== 0 };
  }
  const effort = reasoning.effort;
  if (effort === undefined) return { includeThoughts: true };
  if (id.startsWith('gemini-3')) return { thinkingLevel: GEMINI_3_LEVELS[effort], includeThoughts: true };
  const budget = (id.startsWith('gemini-2.5-pro') ? PRO_BUDGETS : FLASH_BUDGETS)[effort];
  return { thinkingBudget: budget, includeThoughts: budget !== 0 };
}
