// `pnpm bench`: runs the benchmark, prints the markdown table on stdout and writes the JSON file.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_USAGE, parseBenchArgs } from './bench-options.js';
import { assertBuiltPackages } from './process/assert-built-packages.js';
import { renderMarkdown } from './report/render-markdown.js';
import { runBench } from './run-bench.js';
import { formatQuantity } from './stats/format-quantity.js';

const DEFAULT_OUT = fileURLToPath(new URL('../results/latest.json', import.meta.url));

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  if (options.help) {
    console.log(BENCH_USAGE);
    return;
  }
  assertBuiltPackages((specifier) => import.meta.resolve(specifier));
  const { results, profiles } = await runBench(options, (line) => console.error(line));
  process.stdout.write(renderMarkdown(results));
  for (const profile of profiles) {
    process.stdout.write(
      `\n### CPU profile: ${profile.scenario} (top self time, whole process)\n\n| function | self | share |\n| --- | ---: | ---: |\n`,
    );
    for (const entry of profile.top) {
      process.stdout.write(
        `| ${entry.location} | ${formatQuantity(entry.selfMs, 'ms')} | ${entry.percent.toFixed(1)}% |\n`,
      );
    }
  }
  if (options.profile) return;
  const out =
    options.out === undefined ? DEFAULT_OUT : resolve(process.env.INIT_CWD ?? process.cwd(), options.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.error(`results written to ${out}`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
