import type { ToolChoice, ToolDefinition } from '@hub/core';
import { assertNestingDepth } from '@hub/provider-utils';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-wire-types.js';

/** The tool fields of an Anthropic request; both absent when the request has no tools. */
export interface AnthropicToolFields {
  readonly tools?: AnthropicTool[];
  readonly tool_choice?: AnthropicToolChoice;
}

function convertChoice(choice: ToolChoice): AnthropicToolChoice {
  if (typeof choice === 'object') return { type: 'tool', name: choice.name };
  switch (choice) {
    case 'required':
      return { type: 'any' };
    case 'none':
      return { type: 'none' };
    default:
      return { type: 'auto' };
  }
}

/**
 * Converts tool definitions to Anthropic's `{ name, description, input_schema }` and the tool
 * choice to `tool_choice`: `auto` → `{type:'auto'}`, `required` → `{type:'any'}`,
 * `none` → `{type:'none'}`, `{type:'tool', name}` → `{type:'tool', name}`. A tool choice without
 * tools is left out, since there is nothing to choose from. `strict` has no equivalent here and
 * is ignored.
 *
 * @throws ConnectorError `invalid_request` naming `tools.<index>.parameters` when a schema is
 *   nested deeper than `MAX_NESTING_DEPTH`.
 */
export function convertToAnthropicTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
): AnthropicToolFields {
  if (tools === undefined || tools.length === 0) return {};
  return {
    tools: tools.map((tool, index) => {
      assertNestingDepth(tool.parameters, `tools.${index}.parameters`, 'anthropic');
      return {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        input_schema: tool.parameters,
      };
    }),
    ...(toolChoice !== undefined && { tool_choice: convertChoice(toolChoice) }),
  };
}
