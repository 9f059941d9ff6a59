import { randomFillSync } from 'node:crypto';

const HEX: string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const bytes = new Uint8Array(16);

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix time in ms, then random bits. Ids made later sort
 * later, so ledger inserts append at the right edge of the primary key index instead of touching
 * random pages of it, and keys and teams list in creation order.
 */
export function uuidV7(now: number): string {
  randomFillSync(bytes, 6, 10);
  let time = Math.max(0, Math.floor(now));
  for (let index = 5; index >= 0; index--) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  let text = '';
  for (let index = 0; index < 16; index++) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text += '-';
    text += HEX[bytes[index] as number];
  }
  return text;
}
