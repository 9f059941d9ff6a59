/** One target from the issue and whether this run met it. */
export interface TargetCheck {
  /** What is measured (`bare hub complete CPU/request`). */
  readonly name: string;
  /** The goal as text (`≤ 1.5× floor`). */
  readonly goal: string;
  /** The measured value as text (`1.21× floor (45 µs vs 37 µs)`), or why there is none. */
  readonly measured: string;
  /** Undefined when the scenario did not run. */
  readonly met: boolean | undefined;
}
