import { invalidField } from './admin-fields.js';

/**
 * The query string as single values, refusing parameters a route does not take and repeated
 * ones (`?limit=1&limit=2`): a typo must not silently widen a report.
 *
 * @throws GatewayRequestError 400 naming the parameter.
 */
export function queryParams(query: unknown, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof query !== 'object' || query === null) return out;
  for (const [name, value] of Object.entries(query)) {
    const shown = name.slice(0, 64);
    if (!allowed.includes(name)) {
      throw invalidField(shown, `Invalid ${shown}: unknown query parameter; use ${allowed.join(', ')}.`);
    }
    if (typeof value !== 'string') throw invalidField(shown, `Invalid ${shown}: give it once.`);
    out[name] = value;
  }
  return out;
}

/**
 * An integer query parameter within [min, max], or undefined when absent.
 *
 * @throws GatewayRequestError 400 naming the parameter.
 */
export function integerParam(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) {
    throw invalidField(name, `Invalid ${name}: expected an integer from ${min} to ${max}.`);
  }
  return parsed;
}

/**
 * `true` or `false`, or undefined when absent.
 *
 * @throws GatewayRequestError 400 naming the parameter.
 */
export function booleanParam(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidField(name, `Invalid ${name}: expected true or false.`);
}
