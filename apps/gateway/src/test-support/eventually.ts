/** How often and how many times `eventually` looks. */
export interface EventuallyOptions {
  /** Looks before giving up (a bound for a broken build, not a measure). Default 400. */
  readonly attempts?: number;
  /** Pause between looks, in ms. Default 50. */
  readonly intervalMs?: number;
}

/**
 * Polls until `check` answers true (a check that throws counts as not yet), for at most
 * `attempts` looks: bounded by a count of looks rather than the clock, so the verdict is the
 * outcome whatever the machine's load.
 */
export async function eventually(
  check: () => Promise<boolean>,
  { attempts = 400, intervalMs = 50 }: EventuallyOptions = {},
): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}
