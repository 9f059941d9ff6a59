import { readFileSync } from 'node:fs';
import { summarizeCpuProfile } from '../../../apps/bench/src/profile/summarize-cpu-profile.ts';
const files = process.argv.slice(2);
for (const file of files) {
  const rows = summarizeCpuProfile(JSON.parse(readFileSync(file, 'utf8')), 30);
  for (const row of rows) console.log(row.percent.toFixed(1).padStart(5), row.selfMs.toFixed(0).padStart(6), row.location);
}
