import { type GovernanceOverheadResult, measureGovernanceOverhead } from './measure-governance-overhead.js';

// `pnpm --filter @hub/gateway measure:governance [--pglite] [--calls N] [--warmup-calls N]
// [--concurrency N] [--upstream-ms N] [--json]`: prints what key authentication plus a budget
// reservation add per call at concurrency 64. `--json` prints one JSON array of the results on
// stdout instead of prose: `apps/bench` runs this file in a child process and parses it.
const args = process.argv.slice(2);
const flagValue = (flag: string): number | undefined => {
  const index = args.indexOf(flag);
  if (index === -1) return undefined;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} expects a whole number ≥ 0`);
  return value;
};
const calls = flagValue('--calls');
const warmupCalls = flagValue('--warmup-calls');
const concurrency = flagValue('--concurrency');
const upstreamMs = flagValue('--upstream-ms');
const upstreams = upstreamMs === undefined ? [20, 0] : [upstreamMs];
const json = args.includes('--json');
const ms = (value: number): string => `${value.toFixed(3)} ms`;
const results: GovernanceOverheadResult[] = [];
for (const upstream of upstreams) {
  const result = await measureGovernanceOverhead({
    backend: args.includes('--pglite') ? 'pglite' : 'postgres',
    upstreamMs: upstream,
    ...(calls !== undefined && { calls }),
    ...(warmupCalls !== undefined && { warmupCalls }),
    ...(concurrency !== undefined && { concurrency }),
  });
  results.push(result);
  if (json) continue;
  console.log(
    `${result.backend}, concurrency ${result.concurrency}, ${result.calls} calls, upstream ${upstream} ms: ` +
      `admission p50 ${ms(result.admission.p50Ms)} p90 ${ms(result.admission.p90Ms)} p99 ${ms(result.admission.p99Ms)}; ` +
      `settle p50 ${ms(result.settle.p50Ms)}; config-key baseline p50 ${ms(result.baseline.p50Ms)}; ` +
      `${Math.round(result.callsPerSecond)} calls/s`,
  );
}
if (json) process.stdout.write(`${JSON.stringify(results)}\n`);
