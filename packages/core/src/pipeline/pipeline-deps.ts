import type { CallOptions } from '../contracts/call-options.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import type { MetricsCollector } from '../contracts/metrics-collector.js';
import type { Middleware } from '../contracts/middleware.js';
import type { Target } from '../contracts/middleware-context.js';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import type { TargetStatsStore } from '../contracts/target-stats.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { RequestLimits } from '../model/request-limits.js';
import type { AttemptRules } from './attempt-plan.js';
import type { KnownModels } from './known-models.js';

/** Everything the pipeline runners need from the hub, fixed when the hub is created. */
export interface PipelineDeps {
  readonly middleware: readonly Middleware[];
  /** The middleware that has `onSettled`, in registration order. */
  readonly settleHooks: readonly Middleware[];
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
  /** Resolves a request's model to its ordered targets and route alias. */
  plan(request: CompletionRequest, streaming: boolean): PlannedCall | Promise<PlannedCall>;
}

/** The ordered targets of one call. */
export interface PlannedCall {
  readonly route: string | undefined;
  readonly targets: readonly Target[];
}

/** Per-call options handed to providers. */
export type ProviderCallOptions = CallOptions;
