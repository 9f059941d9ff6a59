// o1, o3, o4 and later o-series ids (`o3`, `o4-mini`, `o3-2025-04-16`), the gpt-5 family except
// the non-reasoning `gpt-5-chat*` snapshots, and `codex-mini` (an o4-mini); a fine-tuned prefix
// (`ft:o4-mini:…`) is allowed
const REASONING_MODEL = /^(?:ft:)?(?:o\d+(?:$|[-:.])|gpt-5(?!-chat)(?:$|[-:.])|codex-mini(?:$|[-:.]))/;

/**
 * Whether an OpenAI model id names a reasoning model: the o-series (`o1`, `o3`, `o3-mini`,
 * `o4-mini`, dated snapshots), the gpt-5 family (`gpt-5`, `gpt-5-mini`, `gpt-5-nano`) but not
 * `gpt-5-chat-latest`, and `codex-mini-latest`. Reasoning models take `max_completion_tokens` and `reasoning_effort` and
 * reject `temperature` and `top_p`, so the request mapping depends on this.
 *
 * @param model - The model id without provider prefix.
 * @returns True for reasoning models.
 */
export function isOpenAIReasoningModel(model: string): boolean {
  return REASONING_MODEL.test(model);
}
