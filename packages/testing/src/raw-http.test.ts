import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { rawHttp } from './raw-http.js';

const server = createServer({ maxHeaderSize: 1024 }, (request, response) => {
  response.writeHead(201, {
    'content-type': 'text/plain',
    'content-length': 4,
    'X-Seen': String(request.headers['x-long']?.length),
  });
  response.end('made');
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('rawHttp', () => {
  it('sends the bytes as given and reads status, lower-cased headers and body', async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ok = await rawHttp(url, 'GET / HTTP/1.1\r\nhost: x\r\nx-long: abc\r\nconnection: close\r\n\r\n');
    expect([ok.status, ok.headers['x-seen'], ok.body]).toEqual([201, '3', 'made']);
    // what no HTTP client would send: headers over the server's limit
    const oversize = await rawHttp(
      url,
      `GET / HTTP/1.1\r\nhost: x\r\nx-long: ${'a'.repeat(4096)}\r\nconnection: close\r\n\r\n`,
    );
    expect(oversize.status).toBe(431);
  });
});
