/**
 * How JSON Schemas (tool parameters, `json_schema` response formats) are sent:
 * - `json-schema` (default): as written, in `parametersJsonSchema` / `responseJsonSchema`, which
 *   the Gemini API and Vertex AI accept for current models (unsupported keywords are ignored);
 * - `openapi`: converted by `toGeminiSchema` to the OpenAPI 3.0 subset in `parameters` /
 *   `responseSchema`, for older models or endpoints that reject the JSON Schema fields.
 */
export type GeminiSchemaFormat = 'json-schema' | 'openapi';
