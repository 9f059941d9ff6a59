import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { readExposition, sampleValue } from '../test-support/read-exposition.js';
import { BufferedCounter } from './buffered-counter.js';

function setup() {
  const registry = new Registry();
  const counter = new BufferedCounter({
    name: 'calls_total',
    help: 'Calls.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const read = async (kind: string) =>
    sampleValue(readExposition(await registry.metrics()), 'calls_total', { kind });
  return { registry, counter, read };
}

describe('BufferedCounter', () => {
  it('exports what its cells added, together with plain inc() calls, at every read', async () => {
    const { counter, read } = setup();
    const fast = counter.cell({ kind: 'fast' });
    fast.add(1);
    fast.add(2.5);
    counter.inc({ kind: 'fast' }, 1);
    expect(await read('fast')).toBe(4.5);
    // a second read adds nothing twice
    expect(await read('fast')).toBe(4.5);
    fast.add(1);
    expect(await read('fast')).toBe(5.5);
    expect((await counter.get()).values).toEqual([{ value: 5.5, labels: { kind: 'fast' } }]);
  });

  it('exports a label set incremented by zero, and none never incremented', async () => {
    const { counter, read } = setup();
    counter.cell({ kind: 'unused' });
    counter.cell({ kind: 'zero' }).add(0);
    expect(await read('zero')).toBe(0);
    expect(await read('unused')).toBeUndefined();
  });

  it('forgets pending additions on reset, as registry.resetMetrics() expects', async () => {
    const { registry, counter, read } = setup();
    const cell = counter.cell({ kind: 'a' });
    cell.add(3);
    expect(await read('a')).toBe(3);
    cell.add(4);
    registry.resetMetrics();
    expect(await read('a')).toBeUndefined();
    cell.add(1);
    expect(await read('a')).toBe(1);
  });

  it('removes a label set together with what was added to it', async () => {
    const { counter, read } = setup();
    const cell = counter.cell({ kind: 'gone' });
    cell.add(2);
    counter.remove({ kind: 'gone' });
    expect(await read('gone')).toBeUndefined();
  });
});
