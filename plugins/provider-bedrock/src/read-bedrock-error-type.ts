/**
 * The bare error type name from the ways AWS spells it: the `x-amzn-errortype` header
 * (`ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/`), a body's
 * `__type` (`com.amazon.coral.service#ExpiredTokenException`) or an exception frame's
 * `:exception-type` (`throttlingException`). The first letter is upper-cased so all three compare
 * equal (`ThrottlingException`).
 *
 * @param raw - The header, field or frame value; `undefined` or blank gives `undefined`.
 */
export function readBedrockErrorType(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let name = raw.trim();
  const colon = name.indexOf(':');
  if (colon !== -1) name = name.slice(0, colon);
  const hash = name.lastIndexOf('#');
  if (hash !== -1) name = name.slice(hash + 1);
  if (name === '') return undefined;
  return name.charAt(0).toUpperCase() + name.slice(1);
}
