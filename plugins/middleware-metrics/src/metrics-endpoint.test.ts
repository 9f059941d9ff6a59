import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHub } from '@hub/core';
import { mockPlugin } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { metricsPlugin } from './metrics-plugin.js';
import { prometheusCollector } from './prometheus-collector.js';
import { readExposition, sampleValue } from './test-support/read-exposition.js';

// the README's /metrics example, run for real on loopback
describe('a /metrics endpoint on node:http', () => {
  it('serves the text exposition with its content type', async () => {
    const prometheus = prometheusCollector();
    const hub = createHub({ plugins: [mockPlugin(), metricsPlugin({ collectors: [prometheus] })] });
    const server = createServer(async (request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': prometheus.contentType });
      response.end(await prometheus.metrics());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      await hub.complete({ model: 'mock/mock-1', messages: [{ role: 'user', content: 'hello' }] });
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const samples = readExposition(await response.text());
      expect(
        sampleValue(samples, 'llm_hub_requests_total', {
          provider: 'mock',
          model: 'mock-1',
          route: '',
          operation: 'complete',
          outcome: 'success',
        }),
      ).toBe(1);
    } finally {
      server.close();
      server.closeAllConnections();
      await hub.close();
    }
  });
});
