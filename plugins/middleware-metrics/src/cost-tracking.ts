import {
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  type ConfigIssue,
  type EmbeddingRequest,
  type EmbeddingResponse,
  isEmbeddingResponse,
  type Middleware,
  type ModelPricing,
  targetAddress,
  type Usage,
} from '@hub/core';
import { computeCost } from './compute-cost.js';
import { computeEmbeddingCost } from './compute-embedding-cost.js';
import { type CostKey, type CostTracker, createCostTracker } from './cost-tracker.js';

/**
 * The operations cost tracking takes part in: the ones that are billed. Not `count-tokens`:
 * providers do not bill counting calls (and a `TokenCount` has no `cost`).
 */
type CostTrackingOperation = 'complete' | 'stream' | 'embed';

/** Options of `costTracking`. */
export interface CostTrackingOptions {
  /**
   * Attributes each request to a caller (tenant, API key id, team) for the per-caller totals,
   * for example `(request) => request.metadata?.tenant`. It receives completion and embedding
   * requests alike (both carry `metadata`). Return a bounded identifier, never a secret. Default: no attribution. A function that throws attributes the request to no caller:
   * a bookkeeping bug must not fail a completion that was already paid for.
   */
  readonly callerKey?: (request: CompletionRequest | EmbeddingRequest) => string | undefined;
  /**
   * Prices that override the provider catalog, keyed by `provider/model` (`openai/gpt-4o-mini`),
   * in US dollars per 1,000 tokens: for negotiated rates, or models the catalog does not price.
   */
  readonly pricing?: Readonly<Record<string, ModelPricing>>;
  /** Where the running totals go. Default: a new tracker (read it from `.tracker`). */
  readonly tracker?: CostTracker;
}

/** The cost-tracking middleware, with the tracker that holds its running totals. */
export interface CostTrackingMiddleware extends Middleware<CostTrackingOperation> {
  readonly name: 'cost-tracking';
  /** Running totals per provider, model and caller key. */
  readonly tracker: CostTracker;
}

/**
 * Attaches `cost: { inputUsd, outputUsd, totalUsd }` to every successful completion and embedding
 * response whose model has known prices (from `pricing`, else the provider catalog via `context.modelInfo()`), so the
 * hub's metrics see `costUsd`, and adds it to a running total. A model without prices gets no
 * `cost` field (unknown, never zero) and is counted in the tracker's `unknownCost`. A response
 * that already carries a cost (a provider reporting its own billing) keeps it.
 *
 * Embeddings (`hub.embed`) are priced by `computeEmbeddingCost`: input tokens at `inputPer1k`, no
 * output; the tracker counts them with 0 output tokens, under the embedding model. Token counting
 * (`hub.countTokens`) is free at every provider and not tracked: the middleware does not take part
 * in it.
 *
 * Catalog prices are kept per `provider/model` for an hour (as long as the hub keeps a provider's
 * catalog), so only the first response of a model in each hour waits for `context.modelInfo()`;
 * the others are priced synchronously.
 *
 * Register it inside (after) a response cache: a cache hit then never reaches it, so replayed
 * answers are not billed twice. Streams are priced when they finish; a stream its caller
 * abandoned has no final usage and is not counted.
 *
 * @throws ConfigError naming the option at fault.
 */
export function costTracking(options: CostTrackingOptions = {}): CostTrackingMiddleware {
  if (options.callerKey !== undefined && typeof options.callerKey !== 'function') {
    throw new ConfigError('costTracking: callerKey must be a function of the request.', {
      path: 'callerKey',
    });
  }
  const overrides = validatePricingTable(options.pricing);
  const tracker = options.tracker ?? createCostTracker();
  const callerKeyOf = options.callerKey;

  const callerOf = (request: CompletionRequest | EmbeddingRequest): string | undefined => {
    if (callerKeyOf === undefined) return undefined;
    try {
      const key = callerKeyOf(request);
      return typeof key === 'string' ? key : undefined;
    } catch {
      return undefined;
    }
  };

  // catalog prices per `provider/model`, so a priced response costs no await: the hub's metadata
  // cache keeps a catalog for an hour, so an entry is looked up again after an hour. Bound:
  // CATALOG_PRICES_LIMIT entries (model ids come from callers); when full it is cleared at once,
  // which costs only one `modelInfo()` await per model afterwards
  const catalogPrices = new Map<
    string,
    { readonly pricing: ModelPricing | undefined; readonly until: number }
  >();

  const price = (
    response: CompletionResponse | EmbeddingResponse,
    key: CostKey,
    pricing: ModelPricing | undefined,
  ): CompletionResponse | EmbeddingResponse | undefined => {
    const embedding = isEmbeddingResponse(response);
    const usage = embedding ? embeddingUsage(response) : response.usage;
    if (pricing === undefined) {
      tracker.record(key, undefined, usage);
      return undefined;
    }
    const cost = embedding ? computeEmbeddingCost(response.usage, pricing) : computeCost(usage, pricing);
    tracker.record(key, cost, usage);
    // not `{ ...response, cost }`: V8 (Node 20) takes a slow path, about 0.4 µs, when a spread
    // copy gains a property the source lacks; `Object.assign` copies the same own properties
    return Object.assign({}, response, { cost });
  };

  return {
    name: 'cost-tracking',
    operations: ['complete', 'stream', 'embed'],
    tracker,
    onResponse(response, context) {
      const key: CostKey = {
        provider: context.providerId,
        model: context.model,
        callerKey: callerOf(context.originalRequest),
      };
      if (response.cost !== undefined) {
        tracker.record(
          key,
          response.cost,
          isEmbeddingResponse(response) ? embeddingUsage(response) : response.usage,
        );
        return;
      }
      const address = targetAddress(context);
      const override = overrides.size === 0 ? undefined : overrides.get(address);
      if (override !== undefined) return price(response, key, override);
      const cached = catalogPrices.get(address);
      if (cached !== undefined && Date.now() < cached.until) return price(response, key, cached.pricing);
      return context.modelInfo().then((info) => {
        const pricing = info?.pricing;
        // model ids come from callers: bound the cache rather than let arbitrary ids grow it
        if (catalogPrices.size >= CATALOG_PRICES_LIMIT) catalogPrices.clear();
        catalogPrices.set(address, { pricing, until: Date.now() + CATALOG_PRICES_TTL_MS });
        return price(response, key, pricing);
      });
    },
  };
}

/** An embedding's usage in the tracker's terms: its input tokens, and no output. */
function embeddingUsage(response: EmbeddingResponse): Usage {
  const inputTokens = response.usage.inputTokens;
  return { inputTokens, outputTokens: 0, totalTokens: inputTokens };
}

/** As long as the hub keeps a provider's catalog: prices looked up again after that see a new one. */
const CATALOG_PRICES_TTL_MS = 60 * 60 * 1000;
const CATALOG_PRICES_LIMIT = 1024;

const PRICE_FIELDS = ['inputPer1k', 'outputPer1k', 'cachedInputPer1k', 'cacheWriteInputPer1k'] as const;

function validatePricingTable(
  table: Readonly<Record<string, ModelPricing>> | undefined,
): ReadonlyMap<string, ModelPricing> {
  const prices = new Map<string, ModelPricing>();
  if (table === undefined) return prices;
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new ConfigError('costTracking: pricing must be an object keyed by "provider/model".', {
      path: 'pricing',
    });
  }
  const issues: ConfigIssue[] = [];
  for (const [address, pricing] of Object.entries(table)) {
    const path = `pricing["${address}"]`;
    const slash = address.indexOf('/');
    if (slash <= 0 || slash === address.length - 1) {
      issues.push({ path, message: 'key must be "provider/model", for example "openai/gpt-4o-mini"' });
      continue;
    }
    if (typeof pricing !== 'object' || pricing === null) {
      issues.push({ path, message: 'must be an object with inputPer1k and outputPer1k' });
      continue;
    }
    for (const field of PRICE_FIELDS) {
      const value = pricing[field];
      const required = field === 'inputPer1k' || field === 'outputPer1k';
      if (value === undefined && !required) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        issues.push({
          path: `${path}.${field}`,
          message: 'must be a non-negative number of US dollars per 1,000 tokens',
        });
      }
    }
    prices.set(address, pricing);
  }
  if (issues.length > 0) throw ConfigError.fromIssues('costTracking options', issues);
  return prices;
}
