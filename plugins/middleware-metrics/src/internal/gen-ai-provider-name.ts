// Hub provider ids whose GenAI semantic-conventions name differs; every other id is used as is.
const WELL_KNOWN: Readonly<Record<string, string>> = {
  bedrock: 'aws.bedrock',
  'aws-bedrock': 'aws.bedrock',
  azure: 'azure.ai.openai',
  'azure-openai': 'azure.ai.openai',
  'azure-ai-inference': 'azure.ai.inference',
  google: 'gcp.gemini',
  gemini: 'gcp.gemini',
  vertex: 'gcp.vertex_ai',
  'vertex-ai': 'gcp.vertex_ai',
  mistral: 'mistral_ai',
  xai: 'x_ai',
  watsonx: 'ibm.watsonx.ai',
};

/** The `gen_ai.provider.name` value for a hub provider id (the well-known name when there is one). */
export function genAiProviderName(providerId: string): string {
  return WELL_KNOWN[providerId] ?? providerId;
}
