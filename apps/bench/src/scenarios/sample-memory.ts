/** Memory of the client process at one moment, after forced garbage collection. */
export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes a memory sample after forced collections, repeated (up to eight times, 25 ms apart) until
 * the resident set size stops shrinking by more than 256 KiB: freed pages go back to the system
 * with a delay, and a sample taken too early makes a later growth look smaller. What remains is
 * what is still referenced. The process must run with `--expose-gc`; without it the sample
 * includes garbage.
 *
 * @returns Resident set size, heap used and external memory, in bytes.
 */
export async function sampleMemory(): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let previous = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 8; pass++) {
    gc?.();
    await pause(25);
    const rss = process.memoryUsage.rss();
    if (previous - rss < 256 * 1024) break;
    previous = rss;
  }
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external };
}
