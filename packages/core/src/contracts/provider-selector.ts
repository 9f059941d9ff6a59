import type { CompletionRequest } from '../model/completion-request.js';
import type { Target } from './middleware-context.js';
import type { ModelInfo } from './provider-metadata.js';
import type { TargetStats } from './target-stats.js';

/** A target with what the hub knows about it. */
export interface Candidate {
  readonly target: Target;
  /** `provider/model`. */
  readonly address: string;
  /** Model metadata, when the provider's catalog knows the model. */
  readonly model: ModelInfo | undefined;
  readonly stats: TargetStats;
  /** Weight from the route (default 1), for weighted selection. */
  readonly weight: number;
}

/** What a request needs from a model, derived from the request by the hub. */
export interface RequiredCapabilities {
  readonly streaming: boolean;
  readonly tools: boolean;
  readonly vision: boolean;
  readonly json: boolean;
  /** Rough prompt size plus `maxTokens`, in tokens. */
  readonly minContextTokens: number;
}

/**
 * Orders the candidates of a route for one request. The hub tries the returned list in order,
 * falling back along it. A selector may drop candidates (lacking capabilities, unhealthy), but
 * should keep unhealthy ones last rather than return nothing when all are unhealthy.
 */
export interface ProviderSelector {
  readonly name: string;
  select(
    candidates: readonly Candidate[],
    request: CompletionRequest,
    needs: RequiredCapabilities,
  ): readonly Candidate[];
}
