import { ConnectorError } from '@hub/core';
import type { z } from 'zod';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import { explainZodIssue } from './explain-zod-issue.js';
import { LIMIT_PARAM } from './schema-bounds.js';

/**
 * Validates a parsed JSON body with a format's zod schema. The first problem becomes the
 * error: `invalid_request` (400) naming the field in the format's naming, or 413 for a size
 * bound (the message names the bound). The work is linear in the body's size.
 *
 * @throws ConnectorError or GatewayRequestError, as described.
 */
export function parseWithSchema<Output>(
  schema: z.ZodType<Output>,
  body: unknown,
  fieldPath: (segments: readonly (string | number)[]) => string,
): Output {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ConnectorError('invalid_request', "Invalid request: 'body' must be a JSON object.", {
      field: 'body',
    });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const { issue, path, problem } = explainZodIssue(result.error.issues[0] as z.core.$ZodIssue, body);
  const field = fieldPath(path);
  const message = `Invalid request: '${field}' ${problem}.`;
  if (isSizeBound(issue)) {
    throw new GatewayRequestError('invalid_request', 413, message, { field, wireCode: 'request_too_large' });
  }
  throw new ConnectorError('invalid_request', message, { field });
}

function isSizeBound(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'too_big') return issue.origin === 'array';
  if (issue.code === 'custom') return issue.params?.[LIMIT_PARAM] !== undefined;
  return false;
}
