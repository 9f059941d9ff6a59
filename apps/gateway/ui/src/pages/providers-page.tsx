import { api } from '../api';
import { Notice } from '../components/notice';
import { formatDateTime, formatMs, formatNumber, formatRate, formatUsd } from '../format';
import { usePoll } from '../use-poll';

interface TargetRow {
  readonly provider: string;
  readonly model: string;
  readonly attempts: number;
  readonly failures: number;
  readonly cacheHits: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
  readonly errorsByCode: Record<string, number>;
  readonly tokens: number;
  readonly costUsd: number;
  readonly rateLimitWaits: number;
  readonly rateLimitRejections: number;
  readonly rateLimit: {
    readonly remainingRequests?: number;
    readonly remainingTokens?: number;
    readonly requestsResetMs?: number;
    readonly at: number;
  } | null;
  readonly circuit: 'closed' | 'open' | 'half-open';
  readonly healthy: boolean;
}

interface Providers {
  readonly targets: TargetRow[];
  readonly health: {
    readonly checkedAt: number | null;
    readonly providers: { id: string; status: string; latencyMs: number | null; message: string | null }[];
    readonly error: string | null;
  };
  readonly limits: {
    scope: string;
    provider: string | null;
    requestsPerWindow: number | null;
    tokensPerWindow: number | null;
    windowMs: number | null;
  }[];
}

function headroom(row: TargetRow): string {
  const parts: string[] = [];
  if (row.rateLimit?.remainingRequests !== undefined)
    parts.push(`${formatNumber(row.rateLimit.remainingRequests)} req`);
  if (row.rateLimit?.remainingTokens !== undefined)
    parts.push(`${formatNumber(row.rateLimit.remainingTokens)} tok`);
  return parts.length === 0 ? 'not reported' : `${parts.join(', ')} left`;
}

/** Per provider and model: traffic, latency, errors by code, circuit, health and rate-limit headroom. */
export function ProvidersPage() {
  const polled = usePoll((signal) => api<Providers>('/ui/api/providers', { signal }), 5_000);
  const data = polled.data;
  return (
    <section aria-labelledby="providers-title">
      <header class="page-header">
        <h1 id="providers-title">Providers and models</h1>
        <p class="muted">Traffic and errors of the last five minutes; state as of now.</p>
      </header>
      {polled.error !== undefined && <Notice kind="error">{polled.error.message}</Notice>}
      {data !== undefined && (
        <>
          <h2>Health</h2>
          {data.health.error !== null && (
            <Notice kind="error">Health check failed: {data.health.error}</Notice>
          )}
          <ul class="health">
            {data.health.providers.map((provider) => (
              <li key={provider.id} class={`health-${provider.status}`}>
                <strong>{provider.id}</strong>{' '}
                <span class={`badge badge-${provider.status}`}>{provider.status}</span>{' '}
                {provider.latencyMs !== null && <span class="muted">{formatMs(provider.latencyMs)}</span>}{' '}
                {provider.message !== null && <span class="muted">{provider.message}</span>}
              </li>
            ))}
          </ul>
          {data.health.checkedAt !== null && (
            <p class="muted">Checked {formatDateTime(data.health.checkedAt)} UTC</p>
          )}
          <h2>Targets</h2>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Traffic per provider and model</caption>
              <thead>
                <tr>
                  <th scope="col">Target</th>
                  <th scope="col">Circuit</th>
                  <th scope="col" class="number">
                    Calls
                  </th>
                  <th scope="col" class="number">
                    Calls/s
                  </th>
                  <th scope="col" class="number">
                    p50
                  </th>
                  <th scope="col" class="number">
                    p99
                  </th>
                  <th scope="col">Errors by code</th>
                  <th scope="col" class="number">
                    Tokens
                  </th>
                  <th scope="col" class="number">
                    Cost
                  </th>
                  <th scope="col">Rate-limit headroom</th>
                </tr>
              </thead>
              <tbody>
                {data.targets.length === 0 && (
                  <tr>
                    <td colSpan={10} class="muted">
                      No traffic yet.
                    </td>
                  </tr>
                )}
                {data.targets.map((row) => (
                  <tr key={`${row.provider}/${row.model}`}>
                    <th scope="row">
                      {row.provider}/{row.model}
                      {!row.healthy && <span class="badge badge-unhealthy">unhealthy</span>}
                    </th>
                    <td>
                      <span class={`badge badge-circuit-${row.circuit}`}>{row.circuit}</span>
                    </td>
                    <td class="number">{formatNumber(row.attempts)}</td>
                    <td class="number">{formatRate(row.requestsPerSecond)}</td>
                    <td class="number">{formatMs(row.latencyP50Ms)}</td>
                    <td class="number">{formatMs(row.latencyP99Ms)}</td>
                    <td>
                      {Object.keys(row.errorsByCode).length === 0
                        ? 'none'
                        : Object.entries(row.errorsByCode)
                            .map(([code, count]) => `${code} ${count}`)
                            .join(', ')}
                    </td>
                    <td class="number">{formatNumber(row.tokens)}</td>
                    <td class="number">{formatUsd(row.costUsd)}</td>
                    <td>
                      {headroom(row)}
                      {(row.rateLimitWaits > 0 || row.rateLimitRejections > 0) && (
                        <span class="muted">
                          {' '}
                          (local limit: {row.rateLimitWaits} waited, {row.rateLimitRejections} refused)
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Gateway rate limits</h2>
          {data.limits.length === 0 ? (
            <p class="muted">No gateway rate limits configured.</p>
          ) : (
            <ul>
              {data.limits.map((limit, index) => (
                <li key={index}>
                  per {limit.scope}
                  {limit.provider !== null && ` (${limit.provider})`}:{' '}
                  {limit.requestsPerWindow !== null && `${formatNumber(limit.requestsPerWindow)} requests `}
                  {limit.tokensPerWindow !== null && `${formatNumber(limit.tokensPerWindow)} tokens `}
                  per {formatMs(limit.windowMs ?? 60_000)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
