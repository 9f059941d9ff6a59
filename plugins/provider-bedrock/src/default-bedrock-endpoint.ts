/**
 * The Bedrock Runtime endpoint of a region: `https://bedrock-runtime.{region}.amazonaws.com`, or
 * `.amazonaws.com.cn` for the China regions, which live in their own AWS partition.
 *
 * @param region - An AWS region such as `us-east-1`.
 */
export function defaultBedrockEndpoint(region: string): string {
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://bedrock-runtime.${region}.${domain}`;
}
