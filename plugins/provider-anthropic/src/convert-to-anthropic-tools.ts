import type { ToolChoice, ToolDefinition } from '@hub/core';
import { assertNestingDepth } from '@hub/provider-utils';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-wire-types.js';

/** The tool fields of an Anthropic request; both absent when the request has no tools. */
export interface AnthropicToolFields {
  readonly tools?: AnthropicTool[];
  readonly tool_choice?: AnthropicToolChoice;
}

function convertChoice(choice: ToolChoice, disableParallel: boolean): AnthropicToolChoice {
  // `disable_parallel_tool_use` exists on auto, any and tool choices, not on none
  const parallel = disableParallel ? { disable_parallel_tool_use: true } : {};
  if (typeof choice === 'object') return { type: 'tool', name: choice.name, ...parallel };
  switch (choice) {
    case 'required':
      return { type: 'any', ...parallel };
    case 'none':
      return { type: 'none' };
    default:
      return { type: 'auto', ...parallel };
  }
}

/**
 * Converts tool definitions to Anthropic's `{ name, description, input_schema }` and the tool
 * choice to `tool_choice`: `auto` → `{type:'auto'}`, `required` → `{type:'any'}`,
 * `none` → `{type:'none'}`, `{type:'tool', name}` → `{type:'tool', name}`. A tool choice without
 * tools is left out, since there is nothing to choose from. `parallelToolCalls: false` adds
 * `disable_parallel_tool_use: true` (to an `auto` choice when none was given). `strict` has no
 * equivalent here and is ignored.
 *
 * @throws ConnectorError `invalid_request` naming `tools.<index>.parameters` when a schema is
 *   nested deeper than `MAX_NESTING_DEPTH`.
 */
export function convertToAnthropicTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  parallelToolCalls?: boolean,
): AnthropicToolFields {
  if (tools === undefined || tools.length === 0) return {};
  const disableParallel = parallelToolCalls === false;
  const choice = toolChoice ?? (disableParallel ? 'auto' : undefined);
  return {
    tools: tools.map((tool, index) => {
      assertNestingDepth(tool.parameters, `tools.${index}.parameters`, 'anthropic');
      return {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        input_schema: tool.parameters,
      };
    }),
    ...(choice !== undefined && { tool_choice: convertChoice(choice, disableParallel) }),
  };
}
