import type { BudgetPeriod } from './budget-period.js';

/** A team as stored: a budget and limits shared by every key in it. */
export interface Team {
  /** UUID (version 7, so ids sort by creation time). */
  readonly id: string;
  /** Unique among teams. */
  readonly name: string;
  /** Spend cap in USD per `budgetPeriod`, shared by all keys of the team; null for none. */
  readonly budget: number | null;
  readonly budgetPeriod: BudgetPeriod;
  /** Models the team's keys may call (exact ids, or a prefix ending in `*`); null allows all. */
  readonly allowedModels: readonly string[] | null;
  /** Requests per minute for the whole team; null for none. Enforced by the gateway's limiter. */
  readonly rpm: number | null;
  /** Tokens per minute for the whole team; null for none. Enforced by the gateway's limiter. */
  readonly tpm: number | null;
  /** Free-form JSON object (at most 16 KiB serialized). */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What `createTeam` takes. Omitted fields take the defaults shown. */
export interface TeamInput {
  /** 1–200 characters, unique. */
  readonly name: string;
  /** USD, >= 0; default null (no budget). */
  readonly budget?: number | null;
  /** Default `monthly`. */
  readonly budgetPeriod?: BudgetPeriod;
  /** Default null (all models). At most 1,000 patterns of at most 256 characters. */
  readonly allowedModels?: readonly string[] | null;
  /** Positive integer; default null. */
  readonly rpm?: number | null;
  /** Positive integer; default null. */
  readonly tpm?: number | null;
  /** Default `{}`. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** What `updateTeam` takes: only the fields present change; null clears a nullable field. */
export type TeamPatch = Partial<TeamInput>;
