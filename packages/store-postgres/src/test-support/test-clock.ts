/** A clock the test moves by hand, for the store's `now` option. */
export class TestClock {
  constructor(public time: number = Date.UTC(2030, 0, 15, 12, 0, 0)) {}

  readonly now = (): number => this.time;

  advance(ms: number): void {
    this.time += ms;
  }
}

/** The error a promise rejected with (fails the test if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the promise to reject');
}

/** The error a function threw (fails the test if it returned). */
export function thrown(work: () => unknown): Record<string, unknown> {
  try {
    work();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the call to throw');
}
