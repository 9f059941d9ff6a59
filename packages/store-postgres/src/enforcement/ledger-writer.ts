import { sleep } from '@hub/core';
import type { StoreContext } from '../internal/store-context.js';
import { withDeadline } from '../internal/with-deadline.js';
import { flushStatement } from './ledger-statements.js';

/** One buffered write: a settled call (a ledger row) or a released reservation (no row). */
export interface BufferedWrite {
  readonly kind: 'settle' | 'release';
  /** The reservation's id, which is also the ledger row's. */
  readonly id: string;
  /** The entry as the flush statement reads it (snake_case, ISO dates). */
  readonly row: Readonly<Record<string, unknown>>;
}

const MAX_BACKOFF_MS = 5000;

/**
 * Buffers ledger writes off the request path and writes them in batches, one statement per batch.
 * The buffer is bounded (`maxBufferedEntries`); beyond it a write is dropped and counted. While the
 * database is unreachable the buffer keeps everything it holds and retries with backoff (100 ms
 * doubling to 5 s), so a short outage loses nothing. One flush runs at a time per store.
 */
export class LedgerWriter {
  private buffer: BufferedWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private failuresInARow = 0;
  private stopped = false;
  private closed = false;
  private readonly statement: string;

  constructor(private readonly context: StoreContext) {
    this.statement = flushStatement(context.schema);
  }

  /** Writes waiting to be flushed. */
  get size(): number {
    return this.buffer.length;
  }

  /** Buffers one write; false (and counted, and reported) when the buffer is full. */
  add(write: BufferedWrite): boolean {
    const { settings, counters } = this.context;
    if (this.closed) {
      // nothing would ever write it: say so instead of keeping it silently
      counters.droppedEntries++;
      this.context.report(
        new Error(`The store is closed: a ${write.kind} was dropped and its spend is not recorded.`),
        'flush',
      );
      return false;
    }
    if (this.buffer.length >= settings.maxBufferedEntries) {
      counters.droppedEntries++;
      this.context.report(
        new Error(
          `The ledger buffer is full (${settings.maxBufferedEntries} writes): a ${write.kind} was dropped and its spend is not recorded.`,
        ),
        'flush',
      );
      return false;
    }
    this.buffer.push(write);
    if (
      this.buffer.length >= settings.flushBatchSize &&
      this.failuresInARow === 0 &&
      this.flushing === undefined
    ) {
      // a full batch goes now instead of waiting for the interval
      this.clearTimer();
    }
    this.schedule();
    return true;
  }

  /** Writes everything buffered now, each batch tried once. Rejects on the first failure (the rest stays buffered). */
  async flush(signal?: AbortSignal): Promise<void> {
    await this.flushing?.catch(() => undefined);
    while (this.buffer.length > 0) {
      await this.runExclusive(() => this.writeBatch(signal));
    }
  }

  /**
   * Stops the timer and writes everything buffered (including writes added meanwhile), retrying
   * failures until `deadlineMs` (real time, `performance.now()`) or the signal. Resolves with the
   * number of writes it could not make; later writes are refused.
   */
  async drain(deadlineMs: number, signal?: AbortSignal): Promise<number> {
    this.stopped = true;
    this.clearTimer();
    await this.flushing?.catch(() => undefined);
    let failures = 0;
    while (this.buffer.length > 0 && signal?.aborted !== true) {
      try {
        await this.writeBatch(signal);
        failures = 0;
      } catch (error) {
        this.context.report(error, 'close');
        const wait = Math.min(100 * 2 ** failures++, MAX_BACKOFF_MS, deadlineMs - performance.now());
        if (wait <= 0) break;
        try {
          await sleep(wait, signal);
        } catch {
          break;
        }
      }
    }
    this.closed = true;
    return this.buffer.length;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.stopped || this.timer !== undefined || this.flushing !== undefined || this.buffer.length === 0)
      return;
    const { flushIntervalMs, flushBatchSize } = this.context.settings;
    const delay =
      this.failuresInARow > 0
        ? Math.min(100 * 2 ** (this.failuresInARow - 1), MAX_BACKOFF_MS)
        : this.buffer.length >= flushBatchSize
          ? 0
          : flushIntervalMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runExclusive(async () => {
        try {
          await this.writeBatch(undefined);
          this.failuresInARow = 0;
        } catch (error) {
          // counted before runExclusive reschedules, so the retry waits the backoff
          this.failuresInARow++;
          this.context.counters.flushFailures++;
          this.context.report(error, 'flush');
        }
      });
    }, delay);
    // buffered writes must not keep a process alive on their own: close() flushes them
    this.timer.unref();
  }

  private async runExclusive(work: () => Promise<void>): Promise<void> {
    while (this.flushing !== undefined) await this.flushing.catch(() => undefined);
    const running = work();
    this.flushing = running;
    try {
      await running;
    } finally {
      this.flushing = undefined;
      this.schedule();
    }
  }

  /** Writes the oldest batch in one statement; on failure it stays at the head of the buffer. */
  private async writeBatch(signal: AbortSignal | undefined): Promise<void> {
    const { driver, settings, counters } = this.context;
    const count = Math.min(this.buffer.length, settings.flushBatchSize);
    if (count === 0) return;
    const batch = this.buffer.slice(0, count);
    const payload = JSON.stringify(batch.map((write) => write.row));
    await withDeadline(
      driver.query(this.statement, [payload]),
      settings.queryTimeoutMs,
      signal,
      'writing the spend ledger',
    );
    // only this method removes entries, and only one batch is written at a time
    this.buffer.splice(0, count);
    for (const write of batch) if (write.kind === 'settle') counters.flushedEntries++;
  }
}
