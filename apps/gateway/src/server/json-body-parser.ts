import { ConnectorError } from '@hub/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findExcessDepth } from '../wire/find-excess-depth.js';
import { REQUEST_LIMITS } from '../wire/request-limits.js';
import type { WireFormat } from '../wire/wire-format.js';
import { findWireFormat } from './find-wire-format.js';

// enough of the path to find the spot, short enough for an error message
const SHOWN_SEGMENTS = 8;

/**
 * Makes `application/json` the only body type (anything else is a 415) and bounds nesting at
 * parse time: Fastify's JSON parser (prototype-poisoning checks included) runs first, then one
 * iterative walk refuses a body deeper than `maxJsonDepth` with a 400 naming the top-level field,
 * before any code that recurses (`JSON.stringify`, schema validation, providers) sees it.
 */
export function registerJsonBodyParser(app: FastifyInstance, formats: readonly WireFormat[]): void {
  const parseJson = app.getDefaultJsonParser('error', 'error') as (
    request: FastifyRequest,
    body: string,
    done: (error: Error | null, value?: unknown) => void,
  ) => void;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error: Error | null, value?: unknown) => {
      if (error) {
        done(error, undefined);
        return;
      }
      const path = findExcessDepth(value, REQUEST_LIMITS.maxJsonDepth);
      if (path === undefined) {
        done(null, value);
        return;
      }
      const format = findWireFormat(formats, request.url);
      const field = format.fieldPath(path.slice(0, 1));
      const shown = format.fieldPath(path.slice(0, SHOWN_SEGMENTS));
      const more = path.length > SHOWN_SEGMENTS ? '…' : '';
      done(
        new ConnectorError(
          'invalid_request',
          `Invalid request: '${field}' nests deeper than ${REQUEST_LIMITS.maxJsonDepth} levels (at ${shown}${more}; limit maxJsonDepth).`,
          { field },
        ),
        undefined,
      );
    });
  });
}
