import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { checkResponseStream } from './test-support/check-response-stream.js';
import { COMPLIANCE_CASES, runComplianceCase } from './test-support/open-responses-compliance.js';
import {
  anthropicUpstream,
  bedrockUpstream,
  googleUpstream,
  mockUpstream,
  openaiCompatibleUpstream,
  openaiUpstream,
  type ResponsesUpstream,
} from './test-support/responses-upstream.js';

/**
 * The Open Responses compliance cases against the gateway, once per provider type: every
 * response and every stream event validates against the spec's schemas
 * (`open-responses-schemas.ts`), streams follow the spec's event rules, and a stream that breaks
 * upstream half-way ends in `error` + `response.failed`.
 */
const UPSTREAMS: readonly (() => Promise<ResponsesUpstream> | ResponsesUpstream)[] = [
  mockUpstream,
  openaiUpstream,
  openaiCompatibleUpstream,
  anthropicUpstream,
  googleUpstream,
  bedrockUpstream,
];

for (const createUpstream of UPSTREAMS) {
  describe(`Open Responses over ${createUpstream.name.replace(/Upstream$/, '')}`, () => {
    let upstream: ResponsesUpstream;
    let gateway: RunningGateway;

    beforeAll(async () => {
      upstream = await createUpstream();
      const config = validateGatewayConfig(
        {
          server: { port: 0 },
          providers: [upstream.provider],
          retry: false,
          cache: false,
          logging: { level: 'silent' },
        },
        { UPSTREAM_KEY: 'upstream-test-key' },
      );
      gateway = await startGateway({
        config,
        env: { UPSTREAM_KEY: 'upstream-test-key' },
        logger: pino({ level: 'silent' }),
      });
    });
    afterAll(async () => {
      await gateway?.close();
      await upstream?.close();
    });

    for (const testCase of COMPLIANCE_CASES) {
      it(`passes ${testCase.id}`, async () => {
        upstream.script(gateway, testCase.id);
        const result = await runComplianceCase(`${gateway.url}/v1`, testCase, upstream.model);
        expect(result.problems).toEqual([]);
        expect(upstream.upstreamProblems(testCase.id)).toEqual([]);
        // the usage the upstream reported reaches the client, streamed or not (never zeros)
        expect(result.response?.usage?.output_tokens).toBeGreaterThan(0);
      });
    }

    it('ends a stream broken upstream half-way with error and response.failed', async () => {
      upstream.scriptBrokenStream(gateway);
      const answer = await fetch(`${gateway.url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: upstream.model, input: 'Tell me a story.', stream: true }),
      });
      expect(answer.status).toBe(200);
      const stream = checkResponseStream(await answer.text());
      expect(stream.problems).toEqual([]);
      const types = stream.events.map((event) => event.type);
      expect(types).toContain('response.output_text.delta');
      expect(types.slice(-2)).toEqual(['error', 'response.failed']);
      expect(types).not.toContain('response.completed');
      expect(stream.final.status).toBe('failed');
      expect(stream.final.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      // what arrived before the break is kept, as an interrupted item
      expect(stream.final.output[0]).toMatchObject({ type: 'message', status: 'incomplete' });
    });
  });
}
