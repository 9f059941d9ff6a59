/** A server running in a child process: the fake upstream or a gateway. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly pid: number;
  /** Stops the process (SIGTERM, then SIGKILL after five seconds) and waits for its exit. */
  stop(): Promise<void>;
}
