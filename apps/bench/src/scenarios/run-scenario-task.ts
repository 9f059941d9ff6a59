import { createBenchClient } from '../clients/create-bench-client.js';
import { createEmbeddingClient } from '../embeddings/create-embedding-client.js';
import { type EmbeddingsMeasurement, measureEmbeddings } from '../embeddings/measure-embeddings.js';
import { PER_EVENT_PREFIX } from '../fake-upstream/create-fake-upstream.js';
import { summarizeLatencies } from '../stats/latency-summary.js';
import type { ClientMeasurement } from './client-measurement.js';
import type { FeatureMeasurement } from './feature-measurement.js';
import { measureClient } from './measure-client.js';
import { type GatewayLoadMeasurement, measureGatewayLoad } from './measure-gateway-load.js';
import { type LeakMeasurement, measureLeak } from './measure-leak.js';
import { measureOpenStreams, type OpenStreamsMeasurement } from './measure-open-streams.js';
import type { ScenarioTask } from './scenario-task.js';

/** What a scenario process reports, by task kind. */
export type ScenarioOutcome =
  | ClientMeasurement
  | FeatureMeasurement
  | OpenStreamsMeasurement
  | LeakMeasurement
  | GatewayLoadMeasurement
  | EmbeddingsMeasurement;

/**
 * Runs one task in the current process: creates the client it names, measures, closes it.
 *
 * @param task - The task.
 * @returns Its measurement.
 * @throws Error from the client or a failed check.
 */
export async function runScenarioTask(task: ScenarioTask): Promise<ScenarioOutcome> {
  if (task.kind === 'embeddings') {
    const client = await createEmbeddingClient(task.client, task.origin);
    try {
      return await measureEmbeddings(client, task.sizes);
    } finally {
      await client.close();
    }
  }
  if (task.kind === 'gateway-load') {
    return measureGatewayLoad(task.target, task.sizes, task.expected);
  }
  const base = { origin: task.origin, redisUrl: task.redisUrl };
  if (task.kind === 'open-streams') {
    const client = await createBenchClient(task.client, {
      ...base,
      pathPrefix: '/hold',
      connections: task.streams + 64,
    });
    try {
      return await measureOpenStreams(client, task.origin, task.streams, task.expected.stream);
    } finally {
      await client.close();
    }
  }
  const client = await createBenchClient(
    task.client,
    task.kind !== 'leak' && task.writes === 'per-event' ? { ...base, pathPrefix: PER_EVENT_PREFIX } : base,
  );
  try {
    if (task.kind === 'leak') {
      return await measureLeak(client, task.requests, task.warmup, task.expected.completion);
    }
    // cache hits only: the miss client sends a new prompt per call by itself
    const isCache = task.client === 'hub-cache-memory' || task.client === 'hub-cache-redis';
    const measurement = await measureClient(
      client,
      task.mode,
      task.sizes,
      task.expected,
      task.origin,
      isCache,
    );
    if (task.kind === 'client') return measurement;
    if (!isCache) return { ...measurement, miss: undefined };
    // a new prompt each time: lookup miss, upstream call, store write
    const misses: number[] = [];
    const count = Math.min(task.sizes.sequential, 1000);
    for (let index = 0; index < count; index++) {
      const started = performance.now();
      await client.complete(`Say hello, miss ${index} of ${process.pid}.`);
      misses.push(performance.now() - started);
    }
    return { ...measurement, miss: summarizeLatencies(misses) };
  } finally {
    await client.close();
  }
}
