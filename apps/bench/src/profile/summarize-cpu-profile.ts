/** A V8 CPU profile as `node --cpu-prof` writes it (the fields used here). */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
    };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One function's self time. */
export interface SelfTimeEntry {
  /** `name (file:line)` (line only when known), with workspace and pnpm store prefixes shortened. */
  readonly location: string;
  readonly selfMs: number;
  /** Share of all non-idle samples, 0–100. */
  readonly percent: number;
}

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const store = path.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/(.+)$/);
  if (store) return store[1] as string;
  const workspace = path.match(/\/(packages|plugins|apps)\/(.+)$/);
  if (workspace) return `${workspace[1]}/${workspace[2]}`;
  return path === '' ? '(native)' : path;
}

/**
 * Sums the self time of every function in a CPU profile (each sample's time goes to the function
 * on top of the stack) and returns the largest, idle time left out.
 *
 * @param profile - The parsed `.cpuprofile`.
 * @param top - How many entries to return.
 * @returns The functions with the most self time, largest first.
 */
export function summarizeCpuProfile(profile: CpuProfile, top: number): SelfTimeEntry[] {
  const locations = new Map<number, string>();
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
    // transpiled sources (tsx) often report line 0, which would point at the wrong place
    const line = frame.lineNumber > 0 ? `:${frame.lineNumber + 1}` : '';
    const location = frame.url === '' ? name : `${name} (${shorten(frame.url)}${line})`;
    locations.set(node.id, location);
  }
  const selfMicros = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, index) => {
    const location = locations.get(nodeId) ?? '(unknown)';
    if (location === '(idle)') return;
    const micros = profile.timeDeltas[index] ?? 0;
    total += micros;
    selfMicros.set(location, (selfMicros.get(location) ?? 0) + micros);
  });
  return [...selfMicros.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, top)
    .map(([location, micros]) => ({
      location,
      selfMs: micros / 1000,
      percent: total === 0 ? 0 : (micros * 100) / total,
    }));
}
