/**
 * @packageDocumentation
 * @module @hub/store-postgres
 * @document ../README.md
 */

// The public API of @hub/store-postgres, listed explicitly.

export type { AdminCallOptions } from './admin/admin-operation.js';
export type { RotateKeyOptions } from './admin/key-admin.js';
export type { PruneLedgerQuery } from './admin/maintenance.js';
export type { PgPoolClientLike, PgPoolLike } from './driver/pg-pool-like.js';
export type { PgliteLike, PgliteTransactionLike } from './driver/pglite-like.js';
export type { ReserveRequest } from './enforcement/budget-enforcer.js';
export {
  BUDGET_EXCEEDED_CODE,
  budgetExceededError,
  STORE_CONFLICT_CODE,
  STORE_UNAVAILABLE_CODE,
} from './errors/store-errors.js';
export type { GovernanceStore } from './governance-store.js';
export type { GovernanceStoreOptions, StoreOperation } from './governance-store-options.js';
export { MIGRATIONS, type Migration } from './migrations/migrations.js';
export type { AuthenticatedKey, Authentication } from './model/authentication.js';
export { BUDGET_PERIODS, type BudgetPeriod, periodEnd, periodStart } from './model/budget-period.js';
export { CALL_STATUSES, type CallRecord, type CallStatus } from './model/call-record.js';
export type { KeyListQuery, Page, PageQuery } from './model/page.js';
export type { BudgetRefusalReason, Reservation, ReserveResult } from './model/reservation.js';
export {
  SPEND_REPORT_GROUPS,
  type SpendReportGroup,
  type SpendReportQuery,
  type SpendReportRow,
} from './model/spend-report.js';
export type { StoreChange } from './model/store-change.js';
export type { StoreStats } from './model/store-stats.js';
export type { Team, TeamInput, TeamPatch } from './model/team.js';
export type { KeyUsage, PeriodUsage, TeamUsage } from './model/usage.js';
export type { CreatedKey, KeyInput, KeyPatch, VirtualKey } from './model/virtual-key.js';
export { modelAllowed, patternsAllowModel } from './model-allowed.js';
export { openGovernanceStore } from './open-governance-store.js';
