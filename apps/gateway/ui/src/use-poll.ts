import { useEffect, useRef, useState } from 'preact/hooks';

/** The latest answer of a polled endpoint, its error, and when it last answered. */
export interface Polled<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly updatedAt: number | undefined;
  /** Fetches now (after a change the page made). */
  refresh(): void;
}

/**
 * Calls `load` now and every `intervalMs` while the page is visible (a hidden tab stops polling),
 * one request at a time; a new `key` (a changed filter) reloads at once and drops older answers.
 */
export function usePoll<T>(
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
  key = '',
): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; updatedAt?: number }>({});
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (): Promise<void> => {
      if (document.visibilityState !== 'hidden') {
        try {
          const data = await loadRef.current(controller.signal);
          if (!controller.signal.aborted) setState({ data, updatedAt: Date.now() });
        } catch (error) {
          if (!controller.signal.aborted) setState((previous) => ({ ...previous, error: error as Error }));
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs, key, tick]);

  return { ...state, refresh: () => setTick((value) => value + 1) } as Polled<T>;
}
