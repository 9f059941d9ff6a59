/**
 * The endpoint of a Bedrock service in a region: `https://{service}.{region}.amazonaws.com`, or
 * `.amazonaws.com.cn` for the China regions, which live in their own AWS partition. The runtime
 * (`bedrock-runtime`) serves inference; the control plane (`bedrock`) the model list.
 *
 * @param region - An AWS region such as `us-east-1`.
 * @param service - The endpoint prefix; default `bedrock-runtime`.
 */
export function defaultBedrockEndpoint(
  region: string,
  service: 'bedrock-runtime' | 'bedrock' = 'bedrock-runtime',
): string {
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${service}.${region}.${domain}`;
}
