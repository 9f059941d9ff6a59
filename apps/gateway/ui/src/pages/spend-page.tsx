import { useState } from 'preact/hooks';
import { listOf, readSpendRow, type SpendRow } from '../admin-types';
import { api } from '../api';
import { Chart } from '../components/chart';
import { Notice } from '../components/notice';
import { formatNumber, formatUsd } from '../format';
import { spendCsv } from '../spend-csv';
import { usePoll } from '../use-poll';

type GroupBy = 'day' | 'model' | 'key' | 'team';
const GROUPS: readonly GroupBy[] = ['day', 'model', 'key', 'team'];
const DAY_MS = 86_400_000;

function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Spend by day, model, key or team over a chosen range: a chart, a table and a CSV export. */
export function SpendPage(props: { readonly governance: boolean }) {
  if (!props.governance) {
    return (
      <section aria-labelledby="spend-title">
        <h1 id="spend-title">Spend</h1>
        <Notice kind="info">
          No governance store is configured, so no spend is recorded per key or team. Configure one (see the
          gateway README) for spend reports; the Overview shows this gateway's spend today without it.
        </Notice>
      </section>
    );
  }
  return <SpendReport />;
}

function SpendReport() {
  const today = Date.now();
  const [from, setFrom] = useState(isoDay(today - 6 * DAY_MS));
  const [to, setTo] = useState(isoDay(today));
  const [groupBy, setGroupBy] = useState<GroupBy>('day');
  const query = new URLSearchParams({
    groupBy,
    from: `${from}T00:00:00.000Z`,
    to: new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS).toISOString(),
  });
  const path = `/ui/api/admin/spend?${query}`;
  const polled = usePoll(
    async (signal) => listOf(await api<unknown>(path, { signal })).map(readSpendRow),
    30_000,
    path,
  );
  const rows = polled.data ?? [];
  const total = rows.reduce((sum, row) => sum + row.costUsd, 0);
  const invalidRange = from > to;

  const download = (): void => {
    const blob = new Blob([spendCsv(groupBy, rows)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `spend-by-${groupBy}-${from}-to-${to}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
  };

  return (
    <section aria-labelledby="spend-title">
      <header class="page-header">
        <h1 id="spend-title">Spend</h1>
      </header>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          From (UTC)
          <input type="date" value={from} max={to} onInput={(event) => setFrom(event.currentTarget.value)} />
        </label>
        <label>
          To (UTC)
          <input type="date" value={to} min={from} onInput={(event) => setTo(event.currentTarget.value)} />
        </label>
        <label>
          Group by
          <select value={groupBy} onChange={(event) => setGroupBy(event.currentTarget.value as GroupBy)}>
            {GROUPS.map((group) => (
              <option key={group} value={group}>
                {group}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={download} disabled={rows.length === 0}>
          Export CSV
        </button>
      </form>
      {invalidRange && <Notice kind="error">The start of the range is after its end.</Notice>}
      {polled.error !== undefined && <Notice kind="error">{polled.error.message}</Notice>}
      <p aria-live="polite">
        Total: <strong data-testid="spend-total">{formatUsd(total)}</strong> over{' '}
        {formatNumber(rows.reduce((sum, row) => sum + row.requests, 0))} requests
      </p>
      {groupBy === 'day' ? (
        <DayBars rows={rows} from={from} to={to} />
      ) : (
        <CategoryBars rows={rows} groupBy={groupBy} />
      )}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Spend by {groupBy}</caption>
          <thead>
            <tr>
              <th scope="col">{groupBy}</th>
              <th scope="col" class="number">
                Requests
              </th>
              <th scope="col" class="number">
                Errors
              </th>
              <th scope="col" class="number">
                Input tokens
              </th>
              <th scope="col" class="number">
                Output tokens
              </th>
              <th scope="col" class="number">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} class="muted">
                  No spend in this range.
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.group}>
                <th scope="row">{row.name}</th>
                <td class="number">{formatNumber(row.requests)}</td>
                <td class="number">{formatNumber(row.errors)}</td>
                <td class="number">{formatNumber(row.inputTokens)}</td>
                <td class="number">{formatNumber(row.outputTokens)}</td>
                <td class="number">{formatUsd(row.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Spend per day of the range as bars, days without spend at zero. */
function DayBars(props: { readonly rows: readonly SpendRow[]; readonly from: string; readonly to: string }) {
  const byDay = new Map(props.rows.map((row) => [row.group.slice(0, 10), row.costUsd]));
  const days: number[] = [];
  const first = Date.parse(`${props.from}T00:00:00Z`);
  const last = Date.parse(`${props.to}T00:00:00Z`);
  // a range is at most a year of bars; past that the chart shows the last year of it
  for (let day = Math.max(first, last - 366 * DAY_MS); day <= last; day += DAY_MS) days.push(day);
  return (
    <Chart
      title="Spend per day (USD)"
      bars
      x={days.map((day) => day / 1000)}
      series={[{ label: 'USD', values: days.map((day) => byDay.get(isoDay(day)) ?? 0), color: '#1f5fbf' }]}
      format={formatUsd}
      height={200}
    />
  );
}

/** Horizontal bars for spend per model, key or team: categories read better as bars than as a time chart. */
function CategoryBars(props: { readonly rows: readonly SpendRow[]; readonly groupBy: GroupBy }) {
  const sorted = [...props.rows].sort((left, right) => right.costUsd - left.costUsd).slice(0, 20);
  const largest = Math.max(...sorted.map((row) => row.costUsd), 0);
  return (
    <figure class="chart">
      <figcaption>Spend per {props.groupBy} (top 20, USD)</figcaption>
      <ul class="category-bars">
        {sorted.map((row) => (
          <li key={row.group}>
            <span class="category-label">{row.name}</span>
            <span class="category-track" aria-hidden="true">
              <span
                class="category-fill"
                style={{ width: `${largest === 0 ? 0 : (row.costUsd / largest) * 100}%` }}
              />
            </span>
            <span class="category-value">{formatUsd(row.costUsd)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
