import { MIGRATION_001_GOVERNANCE } from './001-governance.js';

/** One schema change, applied once per schema, in `id` order. */
export interface Migration {
  readonly id: number;
  readonly name: string;
  /** SQL with `{schema}` standing for the quoted schema name. */
  readonly sql: string;
}

/** Every migration of the store, oldest first. Append only. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  { id: 1, name: 'governance', sql: MIGRATION_001_GOVERNANCE },
]);
