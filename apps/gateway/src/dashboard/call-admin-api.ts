import type { FastifyInstance } from 'fastify';
import type { AdminCredential } from './admin-credential.js';

/** Resources of the governance admin API the dashboard may reach through `/ui/api/admin/…`. */
export const ADMIN_RESOURCE = /^(keys|teams|spend)(\/[A-Za-z0-9._:-]{1,128}){0,2}$/;

/** What the admin API answered. */
export interface AdminApiReply {
  readonly status: number;
  /** The JSON body as sent (an OpenAI-shaped error for failures). */
  readonly payload: string;
}

/**
 * Calls the gateway's own admin API in process (`app.inject`: no socket, the same routes,
 * validation and errors as a remote admin client gets), as the admin. The dashboard's session
 * stands in for the admin key in the browser; the key itself never leaves the server.
 */
export async function callAdminApi(
  app: FastifyInstance,
  credential: AdminCredential,
  call: {
    readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    /** The resource path after `/admin/` (checked against `ADMIN_RESOURCE` by the caller). */
    readonly resource: string;
    /** The query string, without `?`. */
    readonly query: string;
    readonly body: unknown;
  },
): Promise<AdminApiReply> {
  const hasBody = call.body !== undefined && call.body !== null && call.method !== 'GET';
  const response = await app.inject({
    method: call.method,
    url: `/admin/${call.resource}${call.query === '' ? '' : `?${call.query}`}`,
    headers: {
      authorization: credential.authorization,
      ...(hasBody && { 'content-type': 'application/json' }),
    },
    ...(hasBody && { payload: JSON.stringify(call.body) }),
  });
  return { status: response.statusCode, payload: response.body };
}
