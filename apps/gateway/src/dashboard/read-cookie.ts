/** Longest Cookie header read; Node's header limit already bounds it, this bounds the scan. */
const MAX_COOKIE_HEADER = 8_192;

/** The value of cookie `name` in a `Cookie` header, or undefined. No decoding: values are ours. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.slice(0, MAX_COOKIE_HEADER).split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
