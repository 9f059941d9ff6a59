import type { CallOptions } from '../contracts/call-options.js';
import type { HubOperation, RequestOf } from '../contracts/hub-operation.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import type { MetricsCollector } from '../contracts/metrics-collector.js';
import type { AnyMiddleware } from '../contracts/middleware.js';
import type { Target } from '../contracts/middleware-context.js';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import type { TargetStatsStore } from '../contracts/target-stats.js';
import type { RequestLimits } from '../model/request-limits.js';
import type { AttemptRules } from './attempt-plan.js';
import type { KnownModels } from './known-models.js';

/** The middleware taking part in one operation, in registration order. */
export interface OperationMiddleware {
  readonly all: readonly AnyMiddleware[];
  /** Those with `onSettled`, in registration order. */
  readonly settleHooks: readonly AnyMiddleware[];
}

/** Everything the pipeline runners need from the hub, fixed when the hub is created. */
export interface PipelineDeps {
  /** Middleware per operation, filtered once by each middleware's `operations`. */
  readonly middleware: Readonly<Record<HubOperation, OperationMiddleware>>;
  readonly providers: ReadonlyMap<string, LLMProvider>;
  readonly stats: TargetStatsStore;
  readonly metrics: Required<MetricsCollector>;
  /** Whether any collector is registered (measurement is skipped otherwise). */
  readonly measuring: boolean;
  readonly rules: AttemptRules;
  readonly timeoutMs: number | undefined;
  readonly requestLimits: RequestLimits;
  /** Models whose ids may be metric labels; the pipeline teaches it the models that answer. */
  readonly knownModels: KnownModels;
  /** Catalog entry of a target's model from cached provider metadata; never rejects. */
  modelInfo(target: Target): Promise<ModelInfo | undefined>;
  /** Resolves a request's model to its ordered targets and route alias, for one operation. */
  plan<O extends HubOperation>(request: RequestOf<O>, operation: O): PlannedCall | Promise<PlannedCall>;
}

/** The ordered targets of one call. */
export interface PlannedCall {
  readonly route: string | undefined;
  readonly targets: readonly Target[];
}

/** Per-call options handed to providers. */
export type ProviderCallOptions = CallOptions;
