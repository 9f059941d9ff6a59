import { REDACTED } from '@hub/core';
import type { GatewayConfig } from './gateway-config.js';

/** One line of the printed configuration: a dotted path and its (redacted) value. */
export type PrintableConfig = Record<string, string | number | boolean | null>;

// a field named like this holds a secret itself; `*Env` fields only name the variable holding one
const SECRET_FIELD = /(api[-_]?key|secret|token|password|passwd|credential|authorization|signature|hash)/i;
const ENV_REFERENCE = /Env$/;
// query parameters that carry credentials in URLs (`?key=`, `?sig=`, `?access_token=`)
const SECRET_QUERY = /(key|token|secret|password|sig|signature|credential|auth)/i;
const URL_WITH_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

/**
 * The configuration as `--print-config` shows it, flattened to dotted paths, with every secret
 * replaced by `[REDACTED]`: fields whose name says they hold one (`keyHash`, `password`, …), the
 * userinfo of every URL (`redis://[REDACTED]@host:6379`) and credential-like query parameters.
 * Fields ending in `Env` (`apiKeyEnv: OPENAI_API_KEY`) name an environment variable and are
 * shown: the name is what an operator needs to check, the value never appears in the config.
 */
export function printableConfig(config: GatewayConfig): PrintableConfig {
  const out: PrintableConfig = {};
  const visit = (value: unknown, path: string, key: string): void => {
    if (value === undefined) return;
    if (key !== '' && !ENV_REFERENCE.test(key) && SECRET_FIELD.test(key)) {
      out[path] = REDACTED;
    } else if (typeof value === 'string') {
      out[path] = ENV_REFERENCE.test(key) ? value : redactUrl(value);
    } else if (value === null || typeof value === 'number' || typeof value === 'boolean') {
      out[path] = value;
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, `${path}.${index}`, key);
      });
    } else if (typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) {
        visit(child, path === '' ? childKey : `${path}.${childKey}`, childKey);
      }
    } else {
      out[path] = String(value);
    }
  };
  visit(config, '', '');
  return out;
}

/** `text` with a URL's userinfo and credential-like query values redacted; other text as is. */
export function redactUrl(text: string): string {
  if (!text.includes('://')) return text;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    // not parseable, but a `scheme://user:pass@` prefix is still a credential
    return text.replace(URL_WITH_USERINFO, `$1${REDACTED}@`);
  }
  const userinfo = parsed.username !== '' || parsed.password !== '';
  let secretQuery = false;
  let search = '';
  if (parsed.search !== '') {
    const parts = parsed.search
      .slice(1)
      .split('&')
      .map((part) => {
        const name = part.split('=', 1)[0] as string;
        if (!SECRET_QUERY.test(safeDecode(name))) return part;
        secretQuery = true;
        return `${name}=${REDACTED}`;
      });
    search = `?${parts.join('&')}`;
  }
  if (!userinfo && !secretQuery) return text;
  return `${parsed.protocol}//${userinfo ? `${REDACTED}@` : ''}${parsed.host}${parsed.pathname}${search}${parsed.hash}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
