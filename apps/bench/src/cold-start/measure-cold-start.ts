import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { childEnvironment } from '../process/child-environment.js';
import { median } from '../stats/median.js';
import { type ColdStartSubject, coldStartScript } from './cold-start-script.js';

const run = promisify(execFile);
// the app's directory: the children resolve every library from here, as its scenarios do
const APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Medians over fresh processes of one subject, in milliseconds. */
export interface ColdStartMeasurement {
  readonly processes: number;
  /** Import and create, wall time. */
  readonly loadMs: number;
  /** Import and create, CPU time of the process. */
  readonly loadCpuMs: number;
  /** From the process's start (Node's own bootstrap included) to the client being ready. */
  readonly sinceProcessStartMs: number;
}

interface ChildLine {
  readonly loadMs: number;
  readonly loadCpuMs: number;
  readonly sinceProcessStartMs: number;
}

/**
 * Times the cold start of each subject in `processes` fresh Node processes each, subjects taking
 * turns (so a burst of load on the machine does not land on one subject only), and reports the
 * medians.
 *
 * @param subjects - What to load.
 * @param processes - Fresh processes per subject.
 * @param origin - The base origin clients are created with (never contacted).
 * @param signal - Stops between processes.
 * @returns One measurement per subject, in the order given.
 * @throws Error with the child's stderr when a child fails.
 */
export async function measureColdStart(
  subjects: readonly ColdStartSubject[],
  processes: number,
  origin: string,
  signal?: AbortSignal,
): Promise<Map<ColdStartSubject, ColdStartMeasurement>> {
  const lines = new Map<ColdStartSubject, ChildLine[]>(subjects.map((subject) => [subject, []]));
  for (let round = 0; round < processes; round++) {
    for (const subject of subjects) {
      signal?.throwIfAborted();
      const { stdout } = await run(
        process.execPath,
        ['--input-type=module', '-e', coldStartScript(subject, origin)],
        { cwd: APP_ROOT, env: childEnvironment(), timeout: 60_000, ...(signal !== undefined && { signal }) },
      );
      lines.get(subject)?.push(JSON.parse(stdout.trim()) as ChildLine);
    }
  }
  const results = new Map<ColdStartSubject, ColdStartMeasurement>();
  for (const [subject, measured] of lines) {
    results.set(subject, {
      processes: measured.length,
      loadMs: median(measured.map((line) => line.loadMs)),
      loadCpuMs: median(measured.map((line) => line.loadCpuMs)),
      sinceProcessStartMs: median(measured.map((line) => line.sinceProcessStartMs)),
    });
  }
  return results;
}
