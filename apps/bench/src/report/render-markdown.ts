import type { StreamWrites } from '../scenarios/stream-writes.js';
import { formatQuantity } from '../stats/format-quantity.js';
import { formatRatio } from '../stats/format-ratio.js';
import type { BenchResults, ClientResult, FeatureResult } from './bench-results.js';
import { CLIENT_LABELS } from './client-labels.js';
import { header, row } from './markdown-table.js';
import { renderGovernanceTable } from './render-governance-table.js';

const ms = (value: number | undefined): string => formatQuantity(value, 'ms');
const us = (value: number | undefined): string => formatQuantity(value, 'µs');

function naRow(label: string, reason: string, columns: number): string {
  return row([label, `n/a (${reason})`, ...Array.from({ length: columns - 2 }, () => '')]);
}

function clientTable(
  results: BenchResults,
  mode: 'complete' | 'stream',
  writes: StreamWrites = 'burst',
): string {
  const entries = results.clients.filter((entry) => entry.mode === mode && entry.writes === writes);
  const columns =
    mode === 'complete'
      ? ['client', 'CPU/req', '× floor', 'p50', '× floor', 'p99', '× floor', 'req/s (c=16)', '× floor']
      : [
          'client',
          'CPU/req',
          '× floor',
          'p50',
          '× floor',
          'p99',
          '× floor',
          'first chunk p50',
          '× floor',
          'req/s (c=16)',
          '× floor',
        ];
  const lines = [header(columns)];
  for (const entry of entries)
    lines.push(clientRow(entry, mode, columns.length, results.environment.versions));
  return lines.join('\n');
}

function clientRow(
  entry: ClientResult,
  mode: 'complete' | 'stream',
  columns: number,
  versions: Readonly<Record<string, string>>,
): string {
  const version = { 'openai-sdk': 'openai', 'vercel-ai': 'ai', langchain: '@langchain/openai' }[
    entry.client as string
  ];
  const label = `${CLIENT_LABELS[entry.client]}${version !== undefined && versions[version] ? ` ${versions[version]}` : ''}`;
  if (entry.outcome.status === 'n/a') return naRow(label, entry.outcome.reason, columns);
  const measurement = entry.outcome.measurement;
  const ratio = (value: number | undefined): string => formatRatio(value, 1);
  const cells = [
    label,
    us(measurement.cpuUsPerRequest),
    ratio(entry.vsFloor.cpu),
    ms(measurement.latency.p50),
    ratio(entry.vsFloor.latencyP50),
    ms(measurement.latency.p99),
    ratio(entry.vsFloor.latencyP99),
  ];
  if (mode === 'stream') cells.push(ms(measurement.firstChunk?.p50), ratio(entry.vsFloor.firstChunkP50));
  cells.push(formatQuantity(measurement.requestsPerSecond), ratio(entry.vsFloor.throughput));
  return row(cells);
}

// hits and stores; the breakdown table prices every middleware of the production stack
const FEATURE_TABLE_CLIENTS: ReadonlySet<string> = new Set([
  'hub-cache-memory',
  'hub-cache-redis',
  'hub-cache-miss',
  'hub-rate-limit-memory',
  'hub-rate-limit-redis',
]);

/**
 * Renders the per-middleware breakdown: each middleware alone on a bare hub, its CPU per call,
 * what it adds to the bare hub and its ratio to the floor, for completions and for per-event
 * streams; then the bare hub and the production stack of the same run for reference.
 *
 * @param results - The run.
 * @returns A markdown table, or a line saying the breakdown did not run.
 */
export function renderBreakdownTable(results: Pick<BenchResults, 'clients' | 'features'>): string {
  const columns = [
    'middleware (alone on a bare hub)',
    'complete CPU/req',
    '+ vs bare hub',
    '× floor',
    'stream (per-event) CPU/req',
    '+ vs bare hub',
    '× floor',
  ];
  const names = [
    ...new Set(
      results.features
        .filter((entry) => entry.mode === 'stream' && entry.client !== 'hub-bare')
        .map((entry) => entry.client),
    ),
  ];
  if (names.length === 0) return '(not run)';
  const find = (client: string, mode: 'complete' | 'stream'): FeatureResult | undefined =>
    results.features.find(
      (entry) =>
        entry.client === client &&
        entry.mode === mode &&
        entry.writes === (mode === 'stream' ? 'per-event' : 'burst'),
    );
  const cells = (entry: FeatureResult | undefined): string[] => {
    if (entry === undefined) return ['–', '', ''];
    if (entry.outcome.status === 'n/a') return [`n/a (${entry.outcome.reason})`, '', ''];
    return [
      us(entry.outcome.measurement.cpuUsPerRequest),
      entry.cpuAddedUs === undefined
        ? '–'
        : `${entry.cpuAddedUs >= 0 ? '+' : '−'}${us(Math.abs(entry.cpuAddedUs))}`,
      formatRatio(entry.cpuVsFloor, 1),
    ];
  };
  const lines = [header(columns)];
  for (const name of names) {
    lines.push(row([CLIENT_LABELS[name], ...cells(find(name, 'complete')), ...cells(find(name, 'stream'))]));
  }
  lines.push(
    row([
      '*reference: bare hub at these sizes*',
      ...cells(find('hub-bare', 'complete')),
      ...cells(find('hub-bare', 'stream')),
    ]),
  );
  for (const client of ['hub-bare', 'hub-stack'] as const) {
    const reference = (mode: 'complete' | 'stream'): string[] => {
      const entry = results.clients.find(
        (candidate) =>
          candidate.client === client &&
          candidate.mode === mode &&
          candidate.writes === (mode === 'stream' ? 'per-event' : 'burst'),
      );
      if (entry?.outcome.status !== 'ok') return ['–', '', ''];
      return [us(entry.outcome.measurement.cpuUsPerRequest), '', formatRatio(entry.vsFloor.cpu, 1)];
    };
    lines.push(
      row([
        `*reference: ${CLIENT_LABELS[client]}, client table*`,
        ...reference('complete'),
        ...reference('stream'),
      ]),
    );
  }
  return lines.join('\n');
}

function featureTable(results: BenchResults): string {
  const columns = [
    'feature (bare hub + one middleware)',
    'CPU/req',
    '× bare hub',
    '× floor',
    'p50',
    'p99',
    'miss p50',
    'miss p99',
    'upstream calls while measured',
  ];
  const lines = [header(columns)];
  const listed = results.features.filter(
    (feature) => feature.mode === 'complete' && FEATURE_TABLE_CLIENTS.has(feature.client),
  );
  for (const entry of listed) {
    const label = CLIENT_LABELS[entry.client];
    if (entry.outcome.status === 'n/a') {
      lines.push(naRow(label, entry.outcome.reason, columns.length));
      continue;
    }
    const measurement = entry.outcome.measurement;
    lines.push(
      row([
        label,
        us(measurement.cpuUsPerRequest),
        formatRatio(entry.cpuVsBareHub, 1),
        formatRatio(entry.cpuVsFloor, 1),
        us(measurement.latency.p50 * 1000),
        us(measurement.latency.p99 * 1000),
        measurement.miss === undefined ? '–' : us(measurement.miss.p50 * 1000),
        measurement.miss === undefined ? '–' : us(measurement.miss.p99 * 1000),
        String(measurement.upstreamRequests),
      ]),
    );
  }
  const bare = results.clients.find((entry) => entry.client === 'hub-bare' && entry.mode === 'complete');
  if (bare?.outcome.status === 'ok') {
    const latency = bare.outcome.measurement.latency;
    lines.push(
      row([
        '*reference: bare hub, miss to the fake upstream*',
        us(bare.outcome.measurement.cpuUsPerRequest),
        '1.00×',
        formatRatio(bare.vsFloor.cpu, 1),
        us(latency.p50 * 1000),
        us(latency.p99 * 1000),
        '',
        '',
        '',
      ]),
    );
  }
  return lines.join('\n');
}

function scaleTable(results: BenchResults): string {
  const lines = [header(['scenario', 'client', 'figure', '× floor'])];
  for (const entry of results.openStreams) {
    const label = CLIENT_LABELS[entry.client];
    if (entry.outcome.status === 'n/a') {
      lines.push(row(['open streams', label, `n/a (${entry.outcome.reason})`, '']));
      continue;
    }
    const measurement = entry.outcome.measurement;
    const count = measurement.streams.toLocaleString('en-US');
    lines.push(
      row([
        `${count} open streams: RSS per stream`,
        label,
        formatQuantity(measurement.rssPerStream / 1000, 'KB'),
        formatRatio(entry.rssVsFloor, 1),
      ]),
      row([
        `${count} open streams: heap per stream`,
        label,
        formatQuantity(measurement.heapPerStream / 1000, 'KB'),
        '',
      ]),
      row([`${count} open streams: time to open all`, label, ms(measurement.openMs), '']),
    );
  }
  const leak = results.leak;
  if (leak.outcome.status === 'n/a') {
    lines.push(
      row([
        'sequential requests: leak check',
        CLIENT_LABELS[leak.client],
        `n/a (${leak.outcome.reason})`,
        '',
      ]),
    );
  } else {
    const measurement = leak.outcome.measurement;
    const count = measurement.requests.toLocaleString('en-US');
    const checkpoints = measurement.checkpoints
      .map((checkpoint) => formatQuantity(checkpoint.heapUsed / 1024 / 1024, 'MiB'))
      .join(' → ');
    lines.push(
      row([
        `${count} sequential requests: heap after GC per quarter`,
        CLIENT_LABELS[leak.client],
        checkpoints,
        '',
      ]),
      row([
        `${count} sequential requests: RSS before → after`,
        CLIENT_LABELS[leak.client],
        `${formatQuantity((measurement.checkpoints[0]?.rss ?? 0) / 1024 / 1024, 'MiB')} → ${formatQuantity((measurement.checkpoints[measurement.checkpoints.length - 1]?.rss ?? 0) / 1024 / 1024, 'MiB')}`,
        '',
      ]),
    );
  }
  return lines.join('\n');
}

const ENDPOINT_LABELS: Readonly<Record<string, string>> = {
  chat: 'chat completions',
  'chat-stream': 'chat completions, streamed',
  messages: '/v1/messages',
  responses: '/v1/responses',
  embeddings: '/v1/embeddings (10 × 1,536)',
};

function gatewayTable(results: BenchResults): string {
  const columns = [
    'endpoint',
    'via',
    'p50 sequential',
    'added p50',
    'first bytes p50',
    'added',
    'p99 at c=64',
    'added p99',
    'req/s at c=64',
    '× direct',
    'server CPU/req',
  ];
  const lines = [header(columns)];
  const labels: Record<string, string> = {
    direct: 'fake upstream, direct (floor)',
    'hub-gateway': '@hub/gateway',
    portkey: `Portkey gateway ${results.environment.versions['@portkey-ai/gateway'] ?? ''}`.trim(),
  };
  for (const entry of results.gateways) {
    const endpoint = ENDPOINT_LABELS[entry.endpoint] ?? entry.endpoint;
    const label = labels[entry.target] ?? entry.target;
    if (entry.outcome.status === 'n/a') {
      lines.push(
        row([endpoint, label, `n/a (${entry.outcome.reason})`, ...Array.from({ length: 8 }, () => '')]),
      );
      continue;
    }
    const measurement = entry.outcome.measurement;
    const isDirect = entry.target === 'direct';
    lines.push(
      row([
        endpoint,
        label,
        ms(measurement.sequential.p50),
        isDirect ? '–' : ms(entry.addedP50Ms),
        measurement.firstChunk === undefined ? '' : ms(measurement.firstChunk.p50),
        measurement.firstChunk === undefined || isDirect ? '' : ms(entry.addedFirstChunkP50Ms),
        ms(measurement.concurrent.p99),
        isDirect ? '–' : ms(entry.addedP99Ms),
        formatQuantity(measurement.requestsPerSecond),
        formatRatio(entry.throughputVsDirect, 1),
        us(measurement.serverCpuUsPerRequest),
      ]),
    );
  }
  return lines.join('\n');
}

const COLD_START_LABELS: Readonly<Record<string, string>> = {
  floor: 'undici Pool (floor)',
  'hub-bare': 'hub (bare) + one provider',
  'hub-stack': 'hub + production stack',
  'openai-sdk': 'openai SDK',
};

function coldStartTable(results: BenchResults): string {
  const columns = [
    'subject',
    'import + create',
    '× openai SDK',
    'CPU for it',
    '× openai SDK',
    'process start → ready',
  ];
  const lines = [header(columns)];
  for (const entry of results.coldStarts) {
    const label = COLD_START_LABELS[entry.subject] ?? entry.subject;
    if (entry.outcome.status === 'n/a') {
      lines.push(naRow(label, entry.outcome.reason, columns.length));
      continue;
    }
    const measurement = entry.outcome.measurement;
    lines.push(
      row([
        label,
        ms(measurement.loadMs),
        formatRatio(entry.loadVsOpenAiSdk, 1),
        ms(measurement.loadCpuMs),
        formatRatio(entry.loadCpuVsOpenAiSdk, 1),
        ms(measurement.sinceProcessStartMs),
      ]),
    );
  }
  return lines.join('\n');
}

const EMBEDDING_LABELS: Readonly<Record<string, string>> = {
  floor: 'floor (undici Pool, base64 → Float32Array)',
  'hub-bare': 'hub.embed (bare hub)',
  'openai-sdk': 'openai SDK embeddings.create',
};

function embeddingsTable(results: BenchResults): string {
  const columns = ['client', 'CPU/call', '× floor', '× openai SDK', 'p50', 'memory per response'];
  const lines = [header(columns)];
  for (const entry of results.embeddings) {
    const label = EMBEDDING_LABELS[entry.client] ?? entry.client;
    if (entry.outcome.status === 'n/a') {
      lines.push(naRow(label, entry.outcome.reason, columns.length));
      continue;
    }
    const measurement = entry.outcome.measurement;
    lines.push(
      row([
        label,
        us(measurement.cpuUsPerCall),
        formatRatio(entry.cpuVsFloor, 1),
        formatRatio(entry.cpuVsOpenAiSdk, 1),
        ms(measurement.latency.p50),
        formatQuantity(measurement.bytesPerResponse / 1000, 'KB'),
      ]),
    );
  }
  return lines.join('\n');
}

function targetTable(results: BenchResults): string {
  const lines = [header(['target', 'goal', 'measured', 'met'])];
  for (const check of results.targets) {
    const verdict = check.met === undefined ? 'not measured' : check.met ? 'yes' : '**NO**';
    lines.push(row([check.name, check.goal, check.measured, verdict]));
  }
  return lines.join('\n');
}

/**
 * Renders a run as markdown: environment, one table per scenario group with every figure's
 * ratio to the floor of the same run, then the targets with a verdict each.
 *
 * @param results - The run.
 * @returns Markdown text.
 */
export function renderMarkdown(results: BenchResults): string {
  const environment = results.environment;
  const sizes = results.sizes;
  const versions = Object.entries(environment.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    `## Benchmark results${results.quick ? ' (--quick: scaled down, indicative only)' : ''}`,
    '',
    `${results.startedAt} · Node ${environment.node} · ${environment.platform} · ${environment.cores} × ${environment.cpu} · ${environment.memoryGiB} GiB · load average at start ${environment.loadAverage.toFixed(2)} · run took ${Math.round(results.durationMs / 1000)} s`,
    '',
    `Versions: ${versions}.`,
    '',
    `Each client runs in a fresh process against the fake upstream in another process. CPU/req is user + system CPU of the client process (\`process.cpuUsage\`) per request at concurrency ${sizes.complete.concurrency}, median of ${sizes.complete.rounds} rounds, after ${sizes.complete.warmup.toLocaleString('en-US')} (streams ${sizes.stream.warmup.toLocaleString('en-US')}) warm-up calls; latencies are from up to ${sizes.complete.sequential.toLocaleString('en-US')} (streams ${sizes.stream.sequential.toLocaleString('en-US')}) sequential calls; a phase or round stops after ${sizes.complete.phaseCapMs / 1000} s, so slow clients make fewer calls (counts in the JSON). Streams carry ${sizes.streamChunks} content chunks plus role, finish and usage chunks.`,
    '',
    '### Completions (non-streamed)',
    '',
    clientTable(results, 'complete'),
    '',
    `### Streams (${sizes.streamChunks} chunks, the whole stream in one write: burst)`,
    '',
    clientTable(results, 'stream'),
    '',
    `### Streams (${sizes.streamChunks} chunks, one event per write: per-event)`,
    '',
    clientTable(results, 'stream', 'per-event'),
    '',
    '### Per-middleware breakdown',
    '',
    'CPU per call with one middleware on a bare hub, what it adds to a bare hub measured at the same (smaller) sizes in the same run, and its ratio to the floor of the client tables.',
    '',
    renderBreakdownTable(results),
    '',
    '### Cache and rate-limit features through hub.complete',
    '',
    featureTable(results),
    '',
    '### Cold start',
    '',
    `Median of ${sizes.coldStartProcesses} fresh processes per subject, subjects taking turns: \`node -e\` importing the built packages and creating a client ready for its first call (no call made).`,
    '',
    coldStartTable(results),
    '',
    `### Embeddings (${sizes.embeddings.inputs} inputs × ${sizes.embeddings.dimensions.toLocaleString('en-US')} dimensions per call)`,
    '',
    `The upstream answers in base64 (what both libraries ask for). CPU/call is the median of ${sizes.embeddings.rounds} rounds at concurrency ${sizes.embeddings.concurrency}; memory per response is heap plus array buffers kept alive by one response, after GC.`,
    '',
    embeddingsTable(results),
    '',
    '### Scale',
    '',
    scaleTable(results),
    '',
    '### Gateways (loaded by a raw undici client)',
    '',
    "Added figures are over the fake upstream called directly with the same request (`/v1/messages` and `/v1/responses`: over a direct chat completion, which the upstream speaks and the gateway calls). Server CPU/req is the serving process's CPU (from `/proc`) during the c=64 phase, per request; for the direct rows it is the fake upstream's. The hub gateway runs from its TypeScript sources through tsx (it has no dist build yet), its workspace packages from their dist; Portkey from its published build.",
    '',
    gatewayTable(results),
    '',
    `### Governance: key authentication plus a budget reservation (c=${sizes.governance.concurrency})`,
    '',
    `\`@hub/gateway\`'s own admission path for a database key (authenticate, model check, estimate, a reservation against the key's and the team's budgets), run by \`measureGovernanceOverhead\` in a fresh process per row after ${sizes.governance.warmupCalls.toLocaleString('en-US')} warm-up calls: ${sizes.governance.concurrency} calls in flight, each followed by the upstream time shown (simulated) and its settlement. The server database is the PostgreSQL at \`DATABASE_URL\`, on this machine, sharing its cores; PGlite runs inside the measuring process. The baseline is the same step for a config-file key (no database), what the gateway did before governance; "added" is admission p50 minus baseline p50. Calls/s include the upstream time.`,
    '',
    renderGovernanceTable(results.governance),
    '',
    '### Targets',
    '',
    targetTable(results),
    '',
  ].join('\n');
}
