import type { ChatOutcome } from './chat-outcome.js';

/** Outcomes counted by kind (`error-status` also by status and code), with the broken ones listed. */
export interface Tally {
  readonly total: number;
  readonly complete: number;
  readonly errorStatus: number;
  readonly errorFrame: number;
  /** `"<status> <code>"` (statuses) and `"frame <code>"` (frames) → count. */
  readonly errors: Readonly<Record<string, number>>;
  /** Details of the broken outcomes: must be empty. */
  readonly broken: readonly string[];
}

/** Counts outcomes: what every scenario asserts on. */
export function tally(outcomes: readonly ChatOutcome[]): Tally {
  const errors: Record<string, number> = {};
  const broken: string[] = [];
  let complete = 0;
  let errorStatus = 0;
  let errorFrame = 0;
  for (const outcome of outcomes) {
    switch (outcome.kind) {
      case 'complete':
        complete++;
        break;
      case 'error-status': {
        errorStatus++;
        const key = `${outcome.status} ${outcome.code}`;
        errors[key] = (errors[key] ?? 0) + 1;
        break;
      }
      case 'error-frame': {
        errorFrame++;
        const key = `frame ${outcome.code}`;
        errors[key] = (errors[key] ?? 0) + 1;
        break;
      }
      case 'broken':
        broken.push(outcome.detail);
        break;
    }
  }
  return { total: outcomes.length, complete, errorStatus, errorFrame, errors, broken };
}
