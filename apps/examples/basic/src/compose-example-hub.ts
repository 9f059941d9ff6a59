import { createHub, type Hub, type Middleware } from '@hub/core';
import { mockPlugin } from '@hub/testing';

/** A middleware that stamps how long each call took, to show the pipeline at work. */
const timing: Middleware = {
  name: 'example-timing',
  onSettled(_outcome, context) {
    context.metadata.set('example.ms', context.elapsed().toFixed(1));
  },
};

/**
 * The hub this example runs: the mock provider (no keys, no network), one middleware, and a
 * `default` route.
 */
export function composeExampleHub(): Hub {
  return createHub({
    plugins: [mockPlugin({ providerId: 'mock' })],
    middleware: [timing],
    routes: { default: ['mock/mock-1'] },
  });
}
