import type { GovernanceLatency, GovernanceMeasurement } from './governance-measurement.js';

function numberAt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`governance output: ${field} is not a finite number ≥ 0`);
  }
  return value;
}

function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`governance output: ${field} is not an object`);
  }
  return value as Record<string, unknown>;
}

function latencyAt(value: unknown, field: string): GovernanceLatency {
  const latency = objectAt(value, field);
  return {
    p50Ms: numberAt(latency.p50Ms, `${field}.p50Ms`),
    p90Ms: numberAt(latency.p90Ms, `${field}.p90Ms`),
    p99Ms: numberAt(latency.p99Ms, `${field}.p99Ms`),
    meanMs: numberAt(latency.meanMs, `${field}.meanMs`),
  };
}

/**
 * Parses what `run-governance-measurement.ts --json` printed: one JSON array of results on the
 * last non-empty line of stdout (earlier lines, if a library ever logs, are ignored). Every field
 * the report reads is checked, so a changed runner fails here with the field's name instead of
 * rendering `NaN`.
 *
 * @param stdout - The child's whole standard output.
 * @returns One measurement per upstream time the child ran, in its order.
 * @throws Error naming the first missing or malformed field, or saying the output is not JSON.
 */
export function parseGovernanceOutput(stdout: string): GovernanceMeasurement[] {
  const line = stdout
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .at(-1);
  if (line === undefined) throw new Error('governance output: the runner printed nothing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`governance output: the last line is not JSON (${line.slice(0, 80)})`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new Error('governance output: expected a non-empty JSON array of results');
  }
  return parsed.map((item: unknown, index): GovernanceMeasurement => {
    const field = `[${index}]`;
    const entry = objectAt(item, field);
    if (entry.backend !== 'postgres' && entry.backend !== 'pglite') {
      throw new Error(`governance output: ${field}.backend is not "postgres" or "pglite"`);
    }
    return {
      backend: entry.backend,
      concurrency: numberAt(entry.concurrency, `${field}.concurrency`),
      calls: numberAt(entry.calls, `${field}.calls`),
      upstreamMs: numberAt(entry.upstreamMs, `${field}.upstreamMs`),
      admission: latencyAt(entry.admission, `${field}.admission`),
      settle: latencyAt(entry.settle, `${field}.settle`),
      baseline: latencyAt(entry.baseline, `${field}.baseline`),
      callsPerSecond: numberAt(entry.callsPerSecond, `${field}.callsPerSecond`),
    };
  });
}
