import { describe, expect, it } from 'vitest';
import { readProcessCpuMs } from './read-process-cpu-ms.js';

describe('readProcessCpuMs', () => {
  it.runIf(process.platform === 'linux')('reads a live process, never going backwards', async () => {
    const before = await readProcessCpuMs(process.pid);
    expect(before).toBeGreaterThan(0);
    const after = await readProcessCpuMs(process.pid);
    expect(after as number).toBeGreaterThanOrEqual(before as number);
  });

  it('is undefined for a process that does not exist', async () => {
    expect(await readProcessCpuMs(2 ** 30)).toBeUndefined();
  });
});
