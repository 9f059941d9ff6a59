import type { StreamWrites } from '../scenarios/stream-writes.js';
import { formatQuantity } from '../stats/format-quantity.js';
import { formatRatio } from '../stats/format-ratio.js';
import type { BenchResults, ClientResult } from './bench-results.js';
import type { TargetCheck } from './target-check.js';

/** A middleware's CPU per completion over the bare hub's, against a budget in microseconds. */
function addedCpuTarget(results: Measured, client: string, name: string, budgetUs: number): TargetCheck {
  const goal = `≤ ${budgetUs} µs/call over bare hub`;
  const entry = results.features.find(
    (candidate) => candidate.client === client && candidate.mode === 'complete',
  );
  if (entry?.outcome.status !== 'ok' || entry.cpuAddedUs === undefined) {
    return notMeasured(name, goal, entry?.outcome.status === 'n/a' ? entry.outcome.reason : 'not run');
  }
  return {
    name,
    goal,
    measured: `${formatQuantity(entry.cpuAddedUs, 'µs')} (${formatQuantity(entry.outcome.measurement.cpuUsPerRequest, 'µs')} vs bare hub)`,
    met: entry.cpuAddedUs <= budgetUs,
  };
}

/** Heap growth after the first quarter of the leak run that still counts as "no growth". */
export const LEAK_TOLERANCE_BYTES = 1024 * 1024;

type Measured = Pick<
  BenchResults,
  | 'clients'
  | 'features'
  | 'openStreams'
  | 'leak'
  | 'gateways'
  | 'coldStarts'
  | 'embeddings'
  | 'governance'
  | 'quick'
>;

/** Issue 21's goal for key authentication plus a budget reservation per call, p50 at c=64, in ms. */
export const GOVERNANCE_ADMISSION_GOAL_MS = 1;

/**
 * The governance goal, judged on the server database (PGlite is a single-process fallback, not
 * what the goal is stated for) with a 20 ms upstream, the steady traffic the goal describes; the
 * back-to-back run (upstream 0) stands in only when that one is missing.
 */
function governanceTarget(results: Measured): TargetCheck {
  const name = `governance admission p50 at c=64 (key auth + budget reservation, server database)${results.quick ? ' (quick: scaled down)' : ''}`;
  const goal = `≤ ${GOVERNANCE_ADMISSION_GOAL_MS} ms`;
  const server = results.governance.filter((entry) => entry.backend === 'postgres');
  const entry =
    server.find((candidate) => candidate.upstreamMs === 20 && candidate.outcome.status === 'ok') ??
    server.find((candidate) => candidate.outcome.status === 'ok') ??
    server[0];
  if (entry?.outcome.status !== 'ok') {
    return notMeasured(name, goal, entry?.outcome.status === 'n/a' ? entry.outcome.reason : 'not run');
  }
  const measurement = entry.outcome.measurement;
  return {
    name,
    goal,
    measured: `${formatQuantity(measurement.admission.p50Ms, 'ms')} (p99 ${formatQuantity(measurement.admission.p99Ms, 'ms')}; config-key baseline p50 ${formatQuantity(measurement.baseline.p50Ms, 'ms')}; ${measurement.calls.toLocaleString('en-US')} calls, upstream ${measurement.upstreamMs} ms)`,
    met: measurement.admission.p50Ms <= GOVERNANCE_ADMISSION_GOAL_MS,
  };
}

/** A cold start's import-and-create time against the openai SDK's in the same run (wall time). */
function coldStartTarget(results: Measured, subject: string, name: string, limit: number): TargetCheck {
  const goal = limit === 1 ? '≤ openai SDK' : `≤ ${limit}× openai SDK`;
  const entry = results.coldStarts.find((candidate) => candidate.subject === subject);
  const sdk = results.coldStarts.find((candidate) => candidate.subject === 'openai-sdk');
  if (entry?.outcome.status !== 'ok' || sdk?.outcome.status !== 'ok' || entry.loadVsOpenAiSdk === undefined) {
    return notMeasured(name, goal, entry?.outcome.status === 'n/a' ? entry.outcome.reason : 'not run');
  }
  return {
    name,
    goal,
    measured: `${formatRatio(entry.loadVsOpenAiSdk, 1)} (${formatQuantity(entry.outcome.measurement.loadMs, 'ms')} vs ${formatQuantity(sdk.outcome.measurement.loadMs, 'ms')}; CPU ${formatRatio(entry.loadCpuVsOpenAiSdk, 1)})`,
    met: entry.loadVsOpenAiSdk <= limit,
  };
}

function notMeasured(name: string, goal: string, reason: string): TargetCheck {
  return { name, goal, measured: `n/a (${reason})`, met: undefined };
}

function cpuRatioTarget(
  results: Measured,
  client: string,
  mode: 'complete' | 'stream',
  name: string,
  limit: number,
  writes: StreamWrites = 'burst',
): TargetCheck {
  const goal = `≤ ${limit}× floor`;
  const find = (wanted: string): ClientResult | undefined =>
    results.clients.find(
      (entry) => entry.client === wanted && entry.mode === mode && entry.writes === writes,
    );
  const subject = find(client);
  const floor = find('floor');
  if (
    subject?.outcome.status !== 'ok' ||
    floor?.outcome.status !== 'ok' ||
    subject.vsFloor.cpu === undefined
  ) {
    return notMeasured(name, goal, 'scenario did not run');
  }
  const ratio = subject.vsFloor.cpu;
  return {
    name,
    goal,
    measured: `${formatRatio(ratio, 1)} (${formatQuantity(subject.outcome.measurement.cpuUsPerRequest, 'µs')} vs ${formatQuantity(floor.outcome.measurement.cpuUsPerRequest, 'µs')})`,
    met: ratio <= limit,
  };
}

/**
 * Checks this run against the targets. Quick runs are checked too, but their smaller
 * sizes make the verdicts indicative only (the scale ones say so).
 *
 * @param results - The measured parts of a run.
 * @returns One check per target, in the order.
 */
export function evaluateTargets(results: Measured): TargetCheck[] {
  const checks: TargetCheck[] = [
    cpuRatioTarget(results, 'hub-bare', 'complete', 'bare hub complete CPU/request', 1.5),
    cpuRatioTarget(results, 'hub-default', 'complete', 'hub complete + default middleware CPU/request', 2),
    cpuRatioTarget(results, 'hub-bare', 'stream', 'hub stream (50 chunks, burst) CPU/request', 1.3),
    cpuRatioTarget(results, 'hub-stack', 'complete', 'production stack complete CPU/request', 2),
    cpuRatioTarget(
      results,
      'hub-stack',
      'stream',
      'production stack stream (50 chunks, per-event) CPU/request',
      1.5,
      'per-event',
    ),
    addedCpuTarget(results, 'hub-cache-miss', 'memory-cache miss overhead (CPU)', 10),
  ];

  const cacheName = 'memory-cache hit p50 through hub.complete';
  const cache = results.features.find((entry) => entry.client === 'hub-cache-memory');
  if (cache?.outcome.status === 'ok') {
    const p50Us = cache.outcome.measurement.latency.p50 * 1000;
    checks.push({
      name: cacheName,
      goal: '≤ 10 µs',
      measured: formatQuantity(p50Us, 'µs'),
      met: p50Us <= 10,
    });
  } else
    checks.push(
      notMeasured(cacheName, '≤ 10 µs', cache?.outcome.status === 'n/a' ? cache.outcome.reason : 'not run'),
    );
  checks.push(addedCpuTarget(results, 'hub-logging', 'logging at info (CPU)', 5));
  checks.push(
    coldStartTarget(results, 'hub-bare', 'cold start: import + create a bare hub with one provider', 1),
  );
  checks.push(coldStartTarget(results, 'hub-stack', 'cold start: import + create the production stack', 1.5));

  const embedName = 'hub.embed (100 × 1,536, base64) CPU/call';
  const embed = results.embeddings.find((entry) => entry.client === 'hub-bare');
  const sdkEmbed = results.embeddings.find((entry) => entry.client === 'openai-sdk');
  if (
    embed?.outcome.status === 'ok' &&
    sdkEmbed?.outcome.status === 'ok' &&
    embed.cpuVsOpenAiSdk !== undefined
  ) {
    checks.push({
      name: embedName,
      goal: '≤ 0.5× openai SDK',
      measured: `${formatRatio(embed.cpuVsOpenAiSdk, 1)} (${formatQuantity(embed.outcome.measurement.cpuUsPerCall, 'µs')} vs ${formatQuantity(sdkEmbed.outcome.measurement.cpuUsPerCall, 'µs')})`,
      met: embed.cpuVsOpenAiSdk <= 0.5,
    });
  } else {
    const reason =
      embed?.outcome.status === 'n/a'
        ? embed.outcome.reason
        : sdkEmbed?.outcome.status === 'n/a'
          ? `openai SDK: ${sdkEmbed.outcome.reason}`
          : 'not run';
    checks.push(notMeasured(embedName, '≤ 0.5× openai SDK', reason));
  }

  const streams = results.openStreams.find((entry) => entry.client === 'hub-default');
  const streamsCount = streams?.outcome.status === 'ok' ? streams.outcome.measurement.streams : 0;
  const streamsName = `RSS per open stream through the hub (default middleware) at ${streamsCount.toLocaleString('en-US')} streams${results.quick ? ' (quick: scaled down)' : ''}`;
  if (streams?.outcome.status === 'ok') {
    const kb = streams.outcome.measurement.rssPerStream / 1000;
    checks.push({ name: streamsName, goal: '≤ 20 KB', measured: formatQuantity(kb, 'KB'), met: kb <= 20 });
  } else {
    checks.push(
      notMeasured(
        streamsName,
        '≤ 20 KB',
        streams?.outcome.status === 'n/a' ? streams.outcome.reason : 'not run',
      ),
    );
  }

  const leak = results.leak;
  const leakGoal = `heap after GC grows ≤ ${LEAK_TOLERANCE_BYTES / 1024 / 1024} MiB after the first quarter`;
  if (leak.outcome.status === 'ok') {
    const measurement = leak.outcome.measurement;
    checks.push({
      name: `no growth over ${measurement.requests.toLocaleString('en-US')} requests (default middleware)${results.quick ? ' (quick: scaled down)' : ''}`,
      goal: leakGoal,
      measured: `${formatQuantity(measurement.heapGrowthAfterFirstQuarter / 1024, 'KiB')} after first quarter; ${formatQuantity(measurement.heapGrowth / 1024, 'KiB')} heap and ${formatQuantity(measurement.rssGrowth / 1024 / 1024, 'MiB')} RSS in total`,
      met: measurement.heapGrowthAfterFirstQuarter <= LEAK_TOLERANCE_BYTES,
    });
  } else checks.push(notMeasured('no growth over the leak run', leakGoal, leak.outcome.reason));

  const hubGateway = results.gateways.find(
    (entry) => entry.target === 'hub-gateway' && entry.endpoint === 'chat',
  );
  const portkey = results.gateways.find((entry) => entry.target === 'portkey' && entry.endpoint === 'chat');
  if (
    hubGateway?.outcome.status === 'ok' &&
    hubGateway.addedP50Ms !== undefined &&
    hubGateway.addedP99Ms !== undefined
  ) {
    checks.push({
      name: 'gateway added latency p50 (sequential)',
      goal: '≤ 0.3 ms',
      measured: formatQuantity(hubGateway.addedP50Ms, 'ms'),
      met: hubGateway.addedP50Ms <= 0.3,
    });
    checks.push({
      name: 'gateway added latency p99 (concurrency 64)',
      goal: '≤ 2 ms',
      measured: formatQuantity(hubGateway.addedP99Ms, 'ms'),
      met: hubGateway.addedP99Ms <= 2,
    });
  } else {
    const reason = hubGateway?.outcome.status === 'n/a' ? hubGateway.outcome.reason : 'not run';
    checks.push(notMeasured('gateway added latency p50 (sequential)', '≤ 0.3 ms', reason));
    checks.push(notMeasured('gateway added latency p99 (concurrency 64)', '≤ 2 ms', reason));
  }
  const throughputName = 'gateway throughput vs Portkey';
  if (hubGateway?.outcome.status === 'ok' && portkey?.outcome.status === 'ok') {
    const ratio =
      hubGateway.outcome.measurement.requestsPerSecond / portkey.outcome.measurement.requestsPerSecond;
    checks.push({
      name: throughputName,
      goal: '≥ 5× Portkey',
      measured: `${formatRatio(ratio, 1)} (${formatQuantity(hubGateway.outcome.measurement.requestsPerSecond, 'req/s')} vs ${formatQuantity(portkey.outcome.measurement.requestsPerSecond, 'req/s')})`,
      met: ratio >= 5,
    });
  } else {
    const reason =
      portkey?.outcome.status === 'n/a'
        ? `Portkey: ${portkey.outcome.reason}`
        : hubGateway?.outcome.status === 'n/a'
          ? hubGateway.outcome.reason
          : 'not run';
    checks.push(notMeasured(throughputName, '≥ 5× Portkey', reason));
  }
  checks.push(governanceTarget(results));
  return checks;
}
