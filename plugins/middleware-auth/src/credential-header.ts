/**
 * A header that carries a credential. The named ones are the common choices (`authorization`
 * for OAuth and most OpenAI-compatible APIs, `x-api-key` for Anthropic, `api-key` for Azure
 * OpenAI, `x-goog-api-key` for Gemini); any other valid header name is accepted.
 */
export type CredentialHeader = 'authorization' | 'x-api-key' | 'api-key' | 'x-goog-api-key' | (string & {});
