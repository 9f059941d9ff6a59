import type { ToolChoice, ToolDefinition } from '@hub/core';
import { assertNestingDepth } from '@hub/provider-utils';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import type { BedrockToolConfig } from './bedrock-wire-types.js';

/**
 * Builds `toolConfig` from unified tools and tool choice:
 *
 * - each tool → `{ toolSpec: { name, description, inputSchema: { json: parameters } } }` (a tool's
 *   `strict` flag has no Bedrock equivalent and is dropped);
 * - `auto` (or no choice) → no `toolChoice`, which means auto on every model and stays compatible
 *   with models that reject the field; `required` → `{ any: {} }`; `{ type: 'tool', name }` →
 *   `{ tool: { name } }`;
 * - `none` → no `toolConfig` at all, since Converse cannot forbid tools — except when the
 *   conversation already holds tool calls or results, which Bedrock accepts only with a
 *   `toolConfig`: then the tools are sent without a choice and the model may still call one.
 *
 * @param tools - The request's tools.
 * @param toolChoice - The request's tool choice.
 * @param conversationHasTools - Whether any message carries tool calls or tool results.
 * @returns The `toolConfig`, or `undefined` when none should be sent.
 * @throws ConnectorError `invalid_request` naming `tools.<index>.parameters` when a schema is
 *   nested deeper than `MAX_NESTING_DEPTH`.
 */
export function convertToBedrockTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  conversationHasTools: boolean,
): BedrockToolConfig | undefined {
  if (tools === undefined || tools.length === 0) return undefined;
  if (toolChoice === 'none' && !conversationHasTools) return undefined;
  const specs = tools.map((tool, index) => {
    assertNestingDepth(tool.parameters, `tools.${index}.parameters`, BEDROCK_PROVIDER_ID);
    return {
      toolSpec: {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        inputSchema: { json: tool.parameters },
      },
    };
  });
  if (toolChoice === 'required') return { tools: specs, toolChoice: { any: {} } };
  if (typeof toolChoice === 'object')
    return { tools: specs, toolChoice: { tool: { name: toolChoice.name } } };
  return { tools: specs };
}
