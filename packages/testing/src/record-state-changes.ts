/** One call of an `onStateChange(state, error?)` observer. */
export interface RecordedStateChange<State extends string> {
  readonly state: State;
  readonly error: Error | undefined;
  /** How many arguments the call had: `up` must come without an error argument at all. */
  readonly arguments: number;
}

/** What `recordStateChanges` returns. */
export interface StateChangeRecorder<State extends string> {
  /** Every call so far, oldest first. */
  readonly changes: RecordedStateChange<State>[];
  /** The observer to pass as `onStateChange`. */
  onStateChange(...args: [State, Error?]): void;
  /** Resolves at the next call (event-driven: no deadline but the test's own). */
  next(): Promise<void>;
}

/**
 * Records the calls of an `onStateChange(state, error?)` observer (the Redis plugins'
 * `up`/`down` transitions) and lets a test wait for the next one.
 */
export function recordStateChanges<State extends string>(): StateChangeRecorder<State> {
  const changes: RecordedStateChange<State>[] = [];
  let waiting: (() => void) | undefined;
  return {
    changes,
    onStateChange(...args: [State, Error?]) {
      changes.push({ state: args[0], error: args[1], arguments: args.length });
      waiting?.();
    },
    next(): Promise<void> {
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
  };
}
