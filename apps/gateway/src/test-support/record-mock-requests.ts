import type { CompletionRequest } from '@hub/core';
import type { MockProvider } from '@hub/testing';
import type { RunningGateway } from '../start-gateway.js';

/**
 * Records the requests the gateway's mock provider receives (the served mock keeps none), by
 * wrapping its two completion methods. Returns the list, newest last; a test clears it itself.
 */
export function recordMockRequests(gateway: RunningGateway, providerId = 'mock'): CompletionRequest[] {
  const provider = gateway.context.gateway.hub
    .providers()
    .find((candidate) => candidate.providerId === providerId) as MockProvider | undefined;
  if (provider === undefined) throw new Error(`No provider "${providerId}" in the gateway.`);
  const requests: CompletionRequest[] = [];
  const send = provider.sendCompletion.bind(provider);
  const stream = provider.streamCompletion.bind(provider);
  provider.sendCompletion = (request, options) => {
    requests.push(request);
    return send(request, options);
  };
  provider.streamCompletion = (request, options) => {
    requests.push(request);
    return stream(request, options);
  };
  return requests;
}
