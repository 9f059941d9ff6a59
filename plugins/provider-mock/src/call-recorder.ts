import type { MockCallEnd } from './mock-script.js';

/** What the recorder needs of a recorded call. */
interface Recordable {
  ended: MockCallEnd | undefined;
}

/**
 * A bounded record of calls, oldest first: when `max` calls are kept, recording one more drops
 * the oldest (`max` 0 records nothing). Positions shift as calls are dropped, so each call also
 * has a number that never changes (`dropped` + its position).
 */
export class CallRecorder<Call extends Recordable> {
  /** The kept calls, oldest first; the array handed to users as `calls`. */
  readonly calls: Call[] = [];
  private dropped = 0;
  // call number → who waits for its end; only tests wait, for calls they made
  private readonly waiters = new Map<number, Array<(ended: MockCallEnd) => void>>();

  constructor(private readonly max: number) {}

  /** Records a call; returns its number, or undefined when recording is off. */
  record(call: Call): number | undefined {
    if (this.max === 0) return undefined;
    if (this.calls.length === this.max) {
      this.calls.shift();
      this.dropped++;
    }
    return this.dropped + this.calls.push(call) - 1;
  }

  /** Marks the call `number` as ended (the first end wins) and wakes whoever waits for it. */
  end(number: number | undefined, how: MockCallEnd): void {
    if (number === undefined) return;
    const call = this.calls[number - this.dropped];
    if (call === undefined || call.ended !== undefined) return;
    call.ended = how;
    for (const resolve of this.waiters.get(number) ?? []) resolve(how);
    this.waiters.delete(number);
  }

  /** Resolves when the call at position `index` (now, or once recorded) has ended. */
  ended(index: number): Promise<MockCallEnd> {
    const call = this.calls[index];
    if (call?.ended !== undefined) return Promise.resolve(call.ended);
    const number = this.dropped + index;
    return new Promise((resolve) => {
      const list = this.waiters.get(number) ?? [];
      list.push(resolve);
      this.waiters.set(number, list);
    });
  }
}
