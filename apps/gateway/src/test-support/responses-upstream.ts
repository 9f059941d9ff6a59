import { ConnectorError } from '@hub/core';
import type { MockProvider } from '@hub/testing';
import type { RunningGateway } from '../start-gateway.js';
import type { ComplianceCaseId } from './open-responses-compliance.js';

/**
 * One provider type behind the gateway, as the Responses tests drive it: the provider's config
 * entry, the model to call, and how to script its upstream for each compliance case and for a
 * stream that breaks half-way. Real provider types answer from a scripted server speaking their
 * wire format; the mock from its script.
 */
export interface ResponsesUpstream {
  /** The provider type (`mock`, `openai`, …). */
  readonly type: string;
  /** The `providers` entry of the gateway config. */
  readonly provider: Record<string, unknown>;
  /** The `provider/model` address to call. */
  readonly model: string;
  /** Queues the upstream's answer to `caseId` (text answers echo nothing in particular). */
  script(gateway: RunningGateway, caseId: ComplianceCaseId): void;
  /** Queues a streamed answer that sends some text, then breaks. */
  scriptBrokenStream(gateway: RunningGateway): void;
  /** Checks what reached the upstream for `caseId`; the problems found (none for the mock). */
  upstreamProblems(caseId: ComplianceCaseId): string[];
  close(): Promise<void>;
}

const mockOf = (gateway: RunningGateway): MockProvider =>
  gateway.context.gateway.hub.providers().find((provider) => provider.providerId === 'mock') as MockProvider;

/** The mock provider: its default echo answers text cases; tool cases get a scripted call. */
export function mockUpstream(): ResponsesUpstream {
  return {
    type: 'mock',
    provider: { type: 'mock' },
    model: 'mock/mock-1',
    script(gateway, caseId) {
      if (caseId === 'tool-calling' || caseId === 'tool-calling-streaming')
        mockOf(gateway).enqueue({
          type: 'tool-call',
          id: 'call_weather_1',
          name: 'get_weather',
          arguments: '{"location":"San Francisco, CA"}',
        });
    },
    scriptBrokenStream(gateway) {
      mockOf(gateway).enqueue({
        type: 'error',
        afterChunks: 3,
        text: 'the answer was going well',
        error: new ConnectorError('stream', 'The upstream connection was reset mid-stream.', {
          providerId: 'mock',
        }),
      });
    },
    upstreamProblems: () => [],
    close: async () => {},
  };
}
