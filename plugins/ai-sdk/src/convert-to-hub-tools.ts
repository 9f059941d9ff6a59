import type {
  LanguageModelV3CallOptions,
  LanguageModelV3ToolChoice,
  SharedV3Warning,
} from '@ai-sdk/provider';
import type { JsonSchema, ToolChoice, ToolDefinition } from '@hub/core';

/** The hub's tools and tool choice for one call; both absent when the call has no usable tools. */
export interface HubTools {
  readonly tools?: ToolDefinition[];
  readonly toolChoice?: ToolChoice;
}

/**
 * Converts the AI SDK's function tools to hub tool definitions (name, description, JSON Schema,
 * strict) and its tool choice to the hub's. Provider-defined tools (`openai.web_search`, …) have
 * no unified form: each is left out with an `unsupported` warning, as are input examples.
 */
export function convertToHubTools(
  tools: LanguageModelV3CallOptions['tools'],
  toolChoice: LanguageModelV3ToolChoice | undefined,
  warnings: SharedV3Warning[],
): HubTools {
  if (tools === undefined || tools.length === 0) return {};
  const definitions: ToolDefinition[] = [];
  for (const tool of tools) {
    if (tool.type === 'provider') {
      warnings.push({
        type: 'unsupported',
        feature: `provider-defined tool ${tool.id}`,
        details: 'The hub routes to any provider, so it sends function tools only.',
      });
      continue;
    }
    if (tool.inputExamples !== undefined && tool.inputExamples.length > 0) {
      warnings.push({
        type: 'unsupported',
        feature: `inputExamples of tool ${tool.name}`,
        details: 'Describe examples in the tool description instead.',
      });
    }
    definitions.push({
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      parameters: tool.inputSchema as JsonSchema,
      ...(tool.strict !== undefined && { strict: tool.strict }),
    });
  }
  if (definitions.length === 0) return {};
  return {
    tools: definitions,
    ...(toolChoice !== undefined && { toolChoice: convertToolChoice(toolChoice) }),
  };
}

function convertToolChoice(choice: LanguageModelV3ToolChoice): ToolChoice {
  return choice.type === 'tool' ? { type: 'tool', name: choice.toolName } : choice.type;
}
