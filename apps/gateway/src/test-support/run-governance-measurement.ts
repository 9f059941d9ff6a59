import { measureGovernanceOverhead } from './measure-governance-overhead.js';

// `pnpm --filter @hub/gateway measure:governance [--pglite] [--calls N] [--upstream-ms N]`:
// prints what key authentication plus a budget reservation add per call at concurrency 64
const args = process.argv.slice(2);
const flagValue = (flag: string): number | undefined => {
  const index = args.indexOf(flag);
  return index === -1 ? undefined : Number(args[index + 1]);
};
const calls = flagValue('--calls');
const concurrency = flagValue('--concurrency');
const upstreams = flagValue('--upstream-ms') === undefined ? [20, 0] : [flagValue('--upstream-ms') as number];
const ms = (value: number): string => `${value.toFixed(3)} ms`;
for (const upstreamMs of upstreams) {
  const result = await measureGovernanceOverhead({
    backend: args.includes('--pglite') ? 'pglite' : 'postgres',
    upstreamMs,
    ...(calls !== undefined && { calls }),
    ...(concurrency !== undefined && { concurrency }),
  });
  console.log(
    `${result.backend}, concurrency ${result.concurrency}, ${result.calls} calls, upstream ${upstreamMs} ms: ` +
      `admission p50 ${ms(result.admission.p50Ms)} p90 ${ms(result.admission.p90Ms)} p99 ${ms(result.admission.p99Ms)}; ` +
      `settle p50 ${ms(result.settle.p50Ms)}; config-key baseline p50 ${ms(result.baseline.p50Ms)}; ` +
      `${Math.round(result.callsPerSecond)} calls/s`,
  );
}
