import { formatQuantity } from '../stats/format-quantity.js';
import type { GovernanceResult } from './bench-results.js';
import { header, row } from './markdown-table.js';

const BACKEND_LABELS: Readonly<Record<string, string>> = {
  postgres: 'PostgreSQL server',
  pglite: 'PGlite (in process)',
};

const COLUMNS = [
  'database',
  'upstream',
  'calls',
  'admission p50',
  'p90',
  'p99',
  'added over config key (p50)',
  'settle p50',
  'config-key baseline p50',
  'calls/s',
];

/**
 * Renders the governance group: one row per database and upstream time, with admission
 * percentiles, what admission adds over the config-key baseline, settle time and throughput.
 * A run that could not measure keeps its row, with the reason.
 *
 * @param results - The group's results, in run order.
 * @returns A markdown table (a header only when the group did not run).
 */
export function renderGovernanceTable(results: readonly GovernanceResult[]): string {
  const ms = (value: number | undefined): string => formatQuantity(value, 'ms');
  const lines = [header(COLUMNS)];
  for (const entry of results) {
    const database = BACKEND_LABELS[entry.backend] ?? entry.backend;
    const upstream = entry.upstreamMs === 0 ? '0 ms (back to back)' : `${entry.upstreamMs} ms`;
    if (entry.outcome.status === 'n/a') {
      lines.push(
        row([
          database,
          upstream,
          `n/a (${entry.outcome.reason})`,
          ...Array.from({ length: COLUMNS.length - 3 }, () => ''),
        ]),
      );
      continue;
    }
    const measurement = entry.outcome.measurement;
    lines.push(
      row([
        database,
        upstream,
        measurement.calls.toLocaleString('en-US'),
        ms(measurement.admission.p50Ms),
        ms(measurement.admission.p90Ms),
        ms(measurement.admission.p99Ms),
        ms(entry.addedP50Ms),
        ms(measurement.settle.p50Ms),
        ms(measurement.baseline.p50Ms),
        formatQuantity(measurement.callsPerSecond),
      ]),
    );
  }
  return lines.join('\n');
}
