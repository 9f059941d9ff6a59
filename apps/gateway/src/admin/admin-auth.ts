import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import { presentedKey } from '../security/presented-key.js';

/**
 * Whether `presented` is the admin key whose SHA-256 is `adminKeyDigest`. Both sides are hashed
 * to 32 bytes and compared with `timingSafeEqual`, so the time taken says nothing about the key
 * or its length. Virtual keys never pass: only the one admin key does. For the dashboard: call it
 * with what a person typed before opening a session.
 */
export function verifyAdminKey(adminKeyDigest: Buffer, presented: string | undefined): boolean {
  if (presented === undefined || presented === '') return false;
  return timingSafeEqual(createHash('sha256').update(presented).digest(), adminKeyDigest);
}

/**
 * Refuses an admin request that does not carry the admin key (`Authorization: Bearer <key>` or
 * `x-api-key`).
 *
 * @throws GatewayRequestError 401; the message never repeats what was presented.
 */
export function assertAdmin(adminKeyDigest: Buffer, headers: IncomingHttpHeaders): void {
  const presented = presentedKey(headers);
  if (presented === undefined) {
    throw new GatewayRequestError(
      'authentication',
      401,
      'Missing admin key: send Authorization: Bearer <admin key>.',
      {
        wireCode: 'authentication',
      },
    );
  }
  if (!verifyAdminKey(adminKeyDigest, presented)) {
    throw new GatewayRequestError('authentication', 401, 'Invalid admin key.', {
      wireCode: 'authentication',
    });
  }
}
