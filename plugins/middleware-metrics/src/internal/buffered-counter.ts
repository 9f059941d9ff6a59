import { Counter, type CounterConfiguration, type LabelValues } from 'prom-client';

/** One label set of a `BufferedCounter`: adds cost two field writes, no label hashing. */
export class CounterCell {
  /** Added since the counter was last read. */
  pending = 0;
  /** Whether the label set was incremented (even by 0) since the counter was last read. */
  dirty = false;

  constructor(readonly labels: Readonly<Record<string, string>>) {}

  /** Adds `value` (finite, non-negative: the caller checks, as prom-client would throw). */
  add(value: number): void {
    this.pending += value;
    this.dirty = true;
  }
}

/**
 * A prom-client `Counter` that can also be incremented through cached `CounterCell`s. prom-client
 * hashes the labels on every `inc`, which on the request path cost more than the rest of a
 * measurement; a cell only adds to a number, and the cells reach the counter whenever it is read
 * (`get()`, which every registry read and scrape goes through), so what is exported is the same.
 * `reset()` (and `registry.resetMetrics()`) clears the cells too; `remove()` drops a label set
 * with whatever was added to it.
 */
export class BufferedCounter<T extends string> extends Counter<T> {
  // created after the base constructor, which already calls reset()
  readonly #cells: CounterCell[] = [];

  constructor(configuration: Omit<CounterConfiguration<T>, 'collect' | 'enableExemplars'>) {
    super({
      ...configuration,
      collect(this: Counter<T>) {
        (this as BufferedCounter<T>).#flush();
      },
    });
  }

  /**
   * A cell for one complete label set. Cache it: every call creates a new cell (two cells of the
   * same labels are still added up correctly, but each is kept for the counter's lifetime).
   */
  cell(labels: LabelValues<T>): CounterCell {
    const cell = new CounterCell(labels as Readonly<Record<string, string>>);
    this.#cells.push(cell);
    return cell;
  }

  override reset(): void {
    super.reset();
    if (!(#cells in this)) return;
    for (const cell of this.#cells) {
      cell.pending = 0;
      cell.dirty = false;
    }
  }

  override remove(...values: unknown[]): void {
    this.#flush();
    (super.remove as (...args: unknown[]) => void).apply(this, values);
  }

  #flush(): void {
    for (const cell of this.#cells) {
      if (!cell.dirty) continue;
      this.inc(cell.labels as LabelValues<T>, cell.pending);
      cell.pending = 0;
      cell.dirty = false;
    }
  }
}
