import type { WireFormat } from '../wire/wire-format.js';

/**
 * The format whose path `url` is (or lies under, `/v1/messages/batches`), so failures before any
 * route ran — bad JSON, 404, 405, 415, 431 — answer in the shape the client reads. Other paths
 * get the first format (OpenAI's, the gateway's default).
 */
export function findWireFormat(formats: readonly WireFormat[], url: string | undefined): WireFormat {
  const path = url === undefined ? '' : (url.split('?', 1)[0] as string);
  for (const format of formats) {
    if (path === format.path || path.startsWith(`${format.path}/`)) return format;
  }
  return formats[0] as WireFormat;
}
