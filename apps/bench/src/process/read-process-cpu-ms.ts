import { readFile } from 'node:fs/promises';

// clock ticks per second of /proc/<pid>/stat; USER_HZ is 100 on every Linux Node supports
const TICKS_PER_SECOND = 100;

/**
 * The user + system CPU another process has used so far, from `/proc/<pid>/stat` (Linux only),
 * to price what a server (gateway or upstream) spends per request. Resolution is one clock tick
 * (10 ms), so callers measure thousands of requests at a time.
 *
 * @param pid - The process.
 * @returns Milliseconds of CPU, or undefined where `/proc` is missing or the process is gone.
 */
export async function readProcessCpuMs(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces: fields are counted after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    if (!Number.isFinite(user) || !Number.isFinite(system)) return undefined;
    return ((user + system) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
