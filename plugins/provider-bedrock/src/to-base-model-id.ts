// Geography prefixes of AWS's system-defined cross-region inference profiles
const PROFILE_PREFIX = /^(?:us|us-gov|eu|apac|jp|au|ca|global)\./;

/**
 * The foundation-model id behind a model id as requests may spell it: a cross-region inference
 * profile (`us.anthropic.claude-sonnet-4-5-20250929-v1:0` → `anthropic.claude-sonnet-4-5-20250929-v1:0`,
 * also `eu.`, `apac.`, `jp.`, `au.`, `ca.`, `us-gov.` and `global.`), or the ARN of a foundation
 * model or system-defined inference profile (the part after the last `/`). Anything else is
 * returned unchanged.
 *
 * @param modelId - The model id without the provider prefix.
 */
export function toBaseModelId(modelId: string): string {
  const resource = modelId.startsWith('arn:') ? modelId.slice(modelId.lastIndexOf('/') + 1) : modelId;
  return resource.replace(PROFILE_PREFIX, '');
}
