/** Scenario groups that `--only` can select. */
export const SCENARIO_GROUPS = [
  'clients',
  'features',
  'cold-start',
  'embeddings',
  'scale',
  'gateway',
  'governance',
] as const;

/** One of `SCENARIO_GROUPS`. */
export type ScenarioGroup = (typeof SCENARIO_GROUPS)[number];

/** What `pnpm bench` was asked to do. */
export interface BenchOptions {
  /** `--quick`: smaller sizes for a smoke test (CI). */
  readonly quick: boolean;
  /** `--only=clients,gateway`: the groups to run. Default: all. */
  readonly groups: readonly ScenarioGroup[];
  /**
   * `--profile`: run only the floor and hub client scenarios, the hub ones under
   * `node --cpu-prof`, and print each profile's top self-time functions. No results file.
   */
  readonly profile: boolean;
  /** `--out=<path>`: where the JSON goes. Default `results/latest.json` in this app. */
  readonly out: string | undefined;
  /** `--help`. */
  readonly help: boolean;
}

/** The usage text of `pnpm bench`. */
export const BENCH_USAGE = `pnpm bench [--quick] [--only=clients,features,cold-start,embeddings,scale,gateway,governance] [--profile] [--out=<file>]

  --quick     scaled-down smoke test (CI): 1,000 open streams, 10,000 leak requests, fewer calls
              and clients, 3 cold starts per subject, one 500-call governance run
  --only      run only these scenario groups
  --profile   profile the hub scenarios with node --cpu-prof and print the top self-time functions
  --out       JSON results file (default apps/bench/results/latest.json)

Environment: REDIS_URL (default redis://127.0.0.1:6379) for the Redis scenarios, DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/test) for the governance group.`;

/**
 * Parses the command line of `pnpm bench` (arguments after the script name).
 *
 * @param args - `process.argv.slice(2)`.
 * @returns The options.
 * @throws Error naming an unknown argument or group.
 */
export function parseBenchArgs(args: readonly string[]): BenchOptions {
  let quick = false;
  let profile = false;
  let help = false;
  let out: string | undefined;
  let groups: ScenarioGroup[] = [...SCENARIO_GROUPS];
  for (const argument of args) {
    // pnpm passes a lone `--` through when arguments follow it
    if (argument === '--') continue;
    if (argument === '--quick') quick = true;
    else if (argument === '--profile') profile = true;
    else if (argument === '--help' || argument === '-h') help = true;
    else if (argument.startsWith('--out=')) out = argument.slice('--out='.length);
    else if (argument.startsWith('--only=')) {
      const names = argument.slice('--only='.length).split(',').filter(Boolean);
      for (const name of names) {
        if (!(SCENARIO_GROUPS as readonly string[]).includes(name)) {
          throw new Error(`unknown scenario group "${name}" (expected ${SCENARIO_GROUPS.join(', ')})`);
        }
      }
      groups = names as ScenarioGroup[];
    } else throw new Error(`unknown argument "${argument}"\n\n${BENCH_USAGE}`);
  }
  return { quick, groups, profile, out, help };
}
