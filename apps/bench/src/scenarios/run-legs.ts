import type { ClientName } from '../clients/bench-client.js';
import type { StreamWrites } from './stream-writes.js';

/** A mode, how the upstream writes streams, and the clients that run it, in order. */
export interface RunLeg {
  readonly mode: 'complete' | 'stream';
  readonly writes: StreamWrites;
  readonly clients: readonly ClientName[];
}

/** Which clients run in which mode: the client tables, and the features with the breakdown. */
export interface RunLegs {
  readonly clients: readonly RunLeg[];
  /** The first client of each feature leg is the bare hub every middleware is priced against. */
  readonly features: readonly RunLeg[];
}

const ALL_MAIN: readonly ClientName[] = [
  'floor',
  'hub-bare',
  'hub-default',
  'hub-stack',
  'openai-sdk',
  'vercel-ai',
  'langchain',
];

/** Each middleware of the production stack alone on a bare hub. */
export const BREAKDOWN_CLIENTS: readonly ClientName[] = [
  'hub-logging',
  'hub-cache-miss',
  'hub-rate-limit-memory',
  'hub-fallback',
  'hub-retry',
  'hub-circuit-breaker',
  'hub-metrics',
];

const FULL_LEGS: RunLegs = {
  clients: [
    { mode: 'complete', writes: 'burst', clients: ALL_MAIN },
    { mode: 'stream', writes: 'burst', clients: ALL_MAIN },
    // the two slowest peers are left out: their per-stream cost is far above the rest already
    {
      mode: 'stream',
      writes: 'per-event',
      clients: ['floor', 'hub-bare', 'hub-default', 'hub-stack', 'openai-sdk'],
    },
  ],
  features: [
    {
      mode: 'complete',
      writes: 'burst',
      clients: [
        'hub-bare',
        ...BREAKDOWN_CLIENTS,
        'hub-cache-memory',
        'hub-cache-redis',
        'hub-rate-limit-redis',
      ],
    },
    { mode: 'stream', writes: 'per-event', clients: ['hub-bare', ...BREAKDOWN_CLIENTS] },
  ],
};

// a smoke test under 2 minutes: every kind of scenario once, every client in at least one mode
// (per-event streams through the clients leg; the breakdown's stream column stays empty)
const QUICK_LEGS: RunLegs = {
  clients: [
    { mode: 'complete', writes: 'burst', clients: ALL_MAIN },
    { mode: 'stream', writes: 'burst', clients: ['floor', 'hub-bare', 'hub-stack'] },
    { mode: 'stream', writes: 'per-event', clients: ['floor', 'hub-stack'] },
  ],
  features: [
    {
      mode: 'complete',
      writes: 'burst',
      clients: ['hub-bare', 'hub-logging', 'hub-cache-miss', 'hub-cache-memory', 'hub-cache-redis'],
    },
  ],
};

/**
 * The legs of a run.
 *
 * @param quick - `--quick`: fewer clients per leg.
 * @returns Client and feature legs, in the order they run.
 */
export function legsOf(quick: boolean): RunLegs {
  return quick ? QUICK_LEGS : FULL_LEGS;
}
