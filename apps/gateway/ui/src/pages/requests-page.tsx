import { useState } from 'preact/hooks';
import { api } from '../api';
import { Notice } from '../components/notice';
import { formatMs, formatNumber, formatTime, formatUsd } from '../format';
import { usePoll } from '../use-poll';

interface RequestRow {
  readonly id: number;
  readonly time: number;
  readonly requestId: string;
  readonly path: string;
  readonly key: string | null;
  readonly status: number;
  readonly latencyMs: number;
  readonly call: {
    readonly requestedModel: string | null;
    readonly provider: string;
    readonly model: string;
    readonly outcome: string;
    readonly inputTokens: number | null;
    readonly outputTokens: number | null;
    readonly costUsd: number | null;
    readonly cached: boolean;
    readonly stream: boolean;
  } | null;
}

interface RequestsAnswer {
  readonly data: RequestRow[];
  readonly keys: string[];
}

const STATUS_CHOICES = [
  { value: '', label: 'any' },
  { value: 'ok', label: 'success (< 400)' },
  { value: 'error', label: 'error (≥ 400)' },
  { value: '401', label: '401' },
  { value: '429', label: '429' },
  { value: '502', label: '502' },
  { value: '503', label: '503' },
];

/** The most recent calls (never prompt text), newest first, with filters; refreshed every 3 seconds. */
export function RequestsPage() {
  const [key, setKey] = useState('');
  const [status, setStatus] = useState('');
  const [model, setModel] = useState('');
  const query = new URLSearchParams({ limit: '200' });
  if (key !== '') query.set('key', key);
  if (status !== '') query.set('status', status);
  if (model.trim() !== '') query.set('model', model.trim());
  const path = `/ui/api/requests?${query}`;
  const polled = usePoll((signal) => api<RequestsAnswer>(path, { signal }), 3_000, path);
  const rows = polled.data?.data ?? [];
  return (
    <section aria-labelledby="requests-title">
      <header class="page-header">
        <h1 id="requests-title">Requests</h1>
        <p class="muted">
          The last 1,000 calls this gateway served, newest first. No prompt or answer text is kept.
        </p>
      </header>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Key
          <select value={key} onChange={(event) => setKey(event.currentTarget.value)}>
            <option value="">any</option>
            {(polled.data?.keys ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
            {STATUS_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model contains
          <input type="search" value={model} onInput={(event) => setModel(event.currentTarget.value)} />
        </label>
      </form>
      {polled.error !== undefined && <Notice kind="error">{polled.error.message}</Notice>}
      <div class="table-wrap">
        <table aria-describedby="requests-count">
          <caption id="requests-count" class="caption">
            {rows.length} {rows.length === 1 ? 'request' : 'requests'} shown
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Key</th>
              <th scope="col">Route</th>
              <th scope="col">Provider/model</th>
              <th scope="col" class="number">
                Status
              </th>
              <th scope="col" class="number">
                Latency
              </th>
              <th scope="col" class="number">
                Tokens in/out
              </th>
              <th scope="col" class="number">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-request-id={row.requestId}>
                <td>{formatTime(row.time)}</td>
                <td>{row.key ?? <span class="muted">—</span>}</td>
                <td>
                  {row.path}
                  {row.call?.requestedModel != null && (
                    <span class="muted"> · {row.call.requestedModel}</span>
                  )}
                </td>
                <td>
                  {row.call === null ? (
                    <span class="muted">—</span>
                  ) : (
                    <>
                      {row.call.provider}/{row.call.model}
                      {row.call.cached && <span class="badge">cached</span>}
                      {row.call.stream && <span class="badge">stream</span>}
                    </>
                  )}
                </td>
                <td class="number">
                  <span class={`status ${row.status >= 400 ? 'status-error' : 'status-ok'}`}>
                    {row.status}
                  </span>
                </td>
                <td class="number">{formatMs(row.latencyMs)}</td>
                <td class="number">
                  {row.call === null
                    ? '—'
                    : `${formatNumber(row.call.inputTokens)} / ${formatNumber(row.call.outputTokens)}`}
                </td>
                <td class="number">{formatUsd(row.call?.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
