import { api } from '../api';
import { Chart } from '../components/chart';
import { Notice } from '../components/notice';
import { StatTile } from '../components/stat-tile';
import { formatMs, formatPercent, formatRate, formatTime, formatUsd } from '../format';
import { usePoll } from '../use-poll';

interface Overview {
  readonly now: number;
  readonly current: {
    readonly requests: number;
    readonly requestsPerSecond: number;
    readonly errorRate: number | null;
    readonly latencyP50Ms: number | null;
    readonly latencyP99Ms: number | null;
    readonly timeToFirstTokenP50Ms: number | null;
    readonly tokensPerSecond: number;
    readonly cacheHitRate: number | null;
  };
  readonly spendToday: { readonly costUsd: number; readonly requests: number };
  readonly series: {
    readonly time: number[];
    readonly requestsPerSecond: number[];
    readonly errorsPerSecond: number[];
    readonly latencyP50Ms: (number | null)[];
    readonly latencyP99Ms: (number | null)[];
    readonly timeToFirstTokenP50Ms: (number | null)[];
    readonly tokensPerSecond: number[];
  };
}

/** Live figures of the last minute and charts of the last hour, refreshed every 3 seconds. */
export function OverviewPage() {
  const overview = usePoll((signal) => api<Overview>('/ui/api/overview?step=30', { signal }), 3_000);
  const data = overview.data;
  return (
    <section aria-labelledby="overview-title">
      <header class="page-header">
        <h1 id="overview-title">Overview</h1>
        <p class="muted" aria-live="polite">
          {data === undefined ? 'Loading…' : `Last minute, updated ${formatTime(data.now)}`}
        </p>
      </header>
      {overview.error !== undefined && <Notice kind="error">{overview.error.message}</Notice>}
      {data !== undefined && (
        <>
          <dl class="tiles">
            <StatTile
              label="Requests/s"
              value={formatRate(data.current.requestsPerSecond)}
              hint={`${data.current.requests} in the last minute`}
            />
            <StatTile label="Error rate" value={formatPercent(data.current.errorRate)} />
            <StatTile label="Latency p50" value={formatMs(data.current.latencyP50Ms)} />
            <StatTile label="Latency p99" value={formatMs(data.current.latencyP99Ms)} />
            <StatTile
              label="Time to first token"
              value={formatMs(data.current.timeToFirstTokenP50Ms)}
              hint="p50, streams"
            />
            <StatTile label="Tokens/s" value={formatRate(data.current.tokensPerSecond)} />
            <StatTile label="Cache hit rate" value={formatPercent(data.current.cacheHitRate)} />
            <StatTile
              label="Spend today"
              value={formatUsd(data.spendToday.costUsd)}
              hint={`${data.spendToday.requests} requests since 00:00 UTC`}
            />
          </dl>
          <div class="charts">
            <Chart
              title="Requests and errors per second (last hour)"
              x={data.series.time}
              format={formatRate}
              series={[
                { label: 'requests/s', values: data.series.requestsPerSecond, color: '#1f5fbf' },
                { label: 'errors/s', values: data.series.errorsPerSecond, color: '#b3261e' },
              ]}
            />
            <Chart
              title="Latency (last hour)"
              x={data.series.time}
              format={formatMs}
              series={[
                { label: 'p50', values: data.series.latencyP50Ms, color: '#1f5fbf' },
                { label: 'p99', values: data.series.latencyP99Ms, color: '#8a4b00', dashed: true },
                { label: 'first token p50', values: data.series.timeToFirstTokenP50Ms, color: '#2e7d32' },
              ]}
            />
            <Chart
              title="Tokens per second (last hour)"
              x={data.series.time}
              format={formatRate}
              series={[{ label: 'tokens/s', values: data.series.tokensPerSecond, color: '#6a3fb5' }]}
            />
          </div>
        </>
      )}
    </section>
  );
}
