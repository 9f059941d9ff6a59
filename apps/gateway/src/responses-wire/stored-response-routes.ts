import { ConnectorError } from '@hub/core';
import type { ResponseStore } from '../responses-store/response-store.js';
import type { StoredResponse } from '../responses-store/stored-response.js';
import type { WireCallContext, WireSideRoute } from '../wire/wire-format.js';

const MAX_PAGE = 100;
const DEFAULT_PAGE = 20;

/**
 * `GET /v1/responses/{id}` (the response as it was returned), `DELETE /v1/responses/{id}` and
 * `GET /v1/responses/{id}/input_items` (the input items of its request, paginated as OpenAI does:
 * `limit` 1 to 100, default 20; `order` `desc` (default) or `asc`; `after` an item id). Only the
 * caller's own responses exist for it; an unknown, expired or deleted id, or another key's, is a
 * 404 in the Responses error shape.
 */
export function storedResponseRoutes(path: string, store: ResponseStore): WireSideRoute[] {
  const load = async (id: string, call: WireCallContext): Promise<StoredResponse> => {
    const entry = await store.get(id, call.signal);
    if (entry === undefined || entry.owner !== (call.caller ?? null)) throw notFound(id);
    return entry;
  };
  return [
    {
      method: 'GET',
      path: `${path}/:id`,
      async handle({ params, query }, call) {
        if (query.stream !== undefined && query.stream !== 'false') {
          throw new ConnectorError(
            'invalid_request',
            "Invalid request: 'stream' is not supported here: a stored response is returned whole.",
            { field: 'stream' },
          );
        }
        return (await load(params.id as string, call)).response;
      },
    },
    {
      method: 'DELETE',
      path: `${path}/:id`,
      async handle({ params }, call) {
        const id = params.id as string;
        await load(id, call);
        if (!(await store.delete(id, call.signal))) throw notFound(id);
        return { id, object: 'response', deleted: true };
      },
    },
    {
      method: 'GET',
      path: `${path}/:id/input_items`,
      async handle({ params, query }, call) {
        const limit = pageSize(query.limit);
        const order = query.order ?? 'desc';
        if (order !== 'asc' && order !== 'desc') {
          throw new ConnectorError('invalid_request', `Invalid request: 'order' must be "asc" or "desc".`, {
            field: 'order',
          });
        }
        const items = [...(await load(params.id as string, call)).input];
        if (order === 'desc') items.reverse();
        let start = 0;
        if (query.after !== undefined) {
          const at = items.findIndex((item) => item.id === query.after);
          if (at === -1) {
            throw new ConnectorError(
              'invalid_request',
              `Invalid request: 'after' names no input item of this response.`,
              { field: 'after' },
            );
          }
          start = at + 1;
        }
        const data = items.slice(start, start + limit);
        return {
          object: 'list',
          data,
          first_id: data[0]?.id ?? null,
          last_id: data.at(-1)?.id ?? null,
          has_more: start + limit < items.length,
        };
      },
    },
  ];
}

function pageSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PAGE;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new ConnectorError(
      'invalid_request',
      `Invalid request: 'limit' must be an integer from 1 to ${MAX_PAGE}.`,
      { field: 'limit' },
    );
  }
  return limit;
}

function notFound(id: string): ConnectorError {
  return new ConnectorError(
    'not_found',
    `Response '${id}' was not found (never stored, expired or deleted).`,
    {
      field: 'response_id',
    },
  );
}
