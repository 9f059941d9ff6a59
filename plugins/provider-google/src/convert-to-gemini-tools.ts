import type { ToolChoice, ToolDefinition } from '@hub/core';
import { assertNestingDepth } from '@hub/provider-utils';
import type { GeminiSchemaFormat } from './gemini-schema-format.js';
import type { GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from './gemini-wire-types.js';
import { toGeminiSchema } from './to-gemini-schema.js';

/** The request fields tools turn into. */
export interface GeminiToolFields {
  readonly tools?: readonly GeminiTool[];
  readonly toolConfig?: GeminiToolConfig;
}

function hasProperties(schema: Record<string, unknown>): boolean {
  const properties = schema.properties;
  return typeof properties === 'object' && properties !== null && Object.keys(properties).length > 0;
}

function declaration(tool: ToolDefinition, format: GeminiSchemaFormat): GeminiFunctionDeclaration {
  const base = { name: tool.name, ...(tool.description !== undefined && { description: tool.description }) };
  if (format === 'json-schema') return { ...base, parametersJsonSchema: { ...tool.parameters } };
  const parameters = toGeminiSchema(tool.parameters);
  // the OpenAPI subset rejects an OBJECT without properties; a function without arguments omits it
  return hasProperties(parameters) ? { ...base, parameters } : base;
}

function functionCallingConfig(choice: ToolChoice): GeminiToolConfig['functionCallingConfig'] {
  if (choice === 'auto') return { mode: 'AUTO' };
  if (choice === 'none') return { mode: 'NONE' };
  if (choice === 'required') return { mode: 'ANY' };
  return { mode: 'ANY', allowedFunctionNames: [choice.name] };
}

/**
 * Converts tool definitions and the tool choice to Gemini's `tools` (one entry holding every
 * `functionDeclarations`) and `toolConfig.functionCallingConfig`: `auto` → `AUTO`, `none` →
 * `NONE`, `required` → `ANY`, `{ type: 'tool', name }` → `ANY` with `allowedFunctionNames:
 * [name]`. Parameters go in `parametersJsonSchema` as written, or, with `openapi`, converted to
 * `parameters` (see `GeminiSchemaFormat`). Without tools, the tool choice is not sent.
 *
 * @param tools - The request's tools.
 * @param toolChoice - The request's tool choice.
 * @param format - How parameter schemas are sent; default `json-schema`.
 * @param providerId - Set on the errors thrown; default `google`.
 * @throws ConnectorError `invalid_request` naming `tools.<index>.parameters` when a schema is
 *   nested deeper than `MAX_NESTING_DEPTH`.
 */
export function convertToGeminiTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  format: GeminiSchemaFormat = 'json-schema',
  providerId = 'google',
): GeminiToolFields {
  if (tools === undefined || tools.length === 0) return {};
  return {
    tools: [
      {
        functionDeclarations: tools.map((tool, index) => {
          assertNestingDepth(tool.parameters, `tools.${index}.parameters`, providerId);
          return declaration(tool, format);
        }),
      },
    ],
    ...(toolChoice !== undefined && {
      toolConfig: { functionCallingConfig: functionCallingConfig(toolChoice) },
    }),
  };
}
