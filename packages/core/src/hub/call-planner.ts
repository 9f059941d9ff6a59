import type { HubOperation, RequestOf } from '../contracts/hub-operation.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import type { Target } from '../contracts/middleware-context.js';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import type { Candidate, ProviderSelector } from '../contracts/provider-selector.js';
import type { TargetStatsStore } from '../contracts/target-stats.js';
import { ConnectorError } from '../errors/connector-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { EmbeddingRequest } from '../model/embedding-request.js';
import type { PlannedCall } from '../pipeline/pipeline-deps.js';
import { type CatalogLookup, findModel } from './catalog-lookup.js';
import { requiredCapabilities } from './required-capabilities.js';
import type { Resolution, RouteEntry, RouteTable } from './route-table.js';

const BARE_ID_MEMO = 1_024;

/** What the planner needs from the hub. */
export interface PlannerParts {
  readonly routeTable: RouteTable;
  readonly providers: ReadonlyMap<string, LLMProvider>;
  readonly selector: ProviderSelector;
  readonly stats: TargetStatsStore;
  readonly catalog: CatalogLookup;
}

/**
 * Resolves a request's `model` to the ordered targets one call may try, per operation:
 *
 * - completions (and token counts) go through the selector, which drops targets lacking a
 *   capability the request needs;
 * - embeddings keep the route's order (unhealthy targets last), only targets whose provider
 *   embeds, and only those producing vectors of the same length as the first (a fallback must
 *   never hand back vectors of another length).
 *
 * A single-target completion plan allocates nothing and awaits nothing.
 */
export function createCallPlanner(parts: PlannerParts) {
  // bare model ids (no provider prefix) resolved through the catalogs; ids come from callers, so
  // the memo is bounded (it stops learning when full)
  const bareIds = new Map<string, Resolution>();

  const plan = <O extends HubOperation>(
    request: RequestOf<O>,
    operation: O,
  ): PlannedCall | Promise<PlannedCall> => {
    const known = parts.routeTable.tryResolve(request.model) ?? bareIds.get(request.model);
    if (known === undefined)
      return resolveBare(request.model).then((resolution) => planWith(resolution, request, operation));
    return planWith(known, request, operation);
  };

  const planWith = <O extends HubOperation>(
    resolution: Resolution,
    request: RequestOf<O>,
    operation: O,
  ): PlannedCall | Promise<PlannedCall> => {
    if (operation === 'embed') return planEmbedding(resolution, request as EmbeddingRequest);
    if (resolution.entries.length === 1)
      return { route: resolution.route, targets: [resolution.entries[0]?.target as Target] };
    return planCompletion(resolution, request as CompletionRequest, operation === 'stream');
  };

  /**
   * A model id without provider prefix, with several providers registered: the one provider
   * whose catalog lists it, so `gpt-4o-mini` works without `openai/`.
   *
   * @throws ConnectorError `invalid_request` (field `model`) when no catalog or several list it.
   */
  const resolveBare = async (model: string): Promise<Resolution> => {
    const listing: string[] = [];
    await Promise.all(
      [...parts.providers.values()].map(async (provider) => {
        const metadata = await parts.catalog.metadataOf(provider);
        if (metadata?.models.some((info) => info.id === model)) listing.push(provider.providerId);
      }),
    );
    if (listing.length !== 1) {
      const problem =
        listing.length === 0
          ? 'names no registered provider or route, and no provider lists it'
          : `is listed by several providers (${listing.sort().join(', ')}); write "provider/${model}"`;
      throw parts.routeTable.unknownModelError(model, problem);
    }
    const resolution = parts.routeTable.resolve(`${listing[0]}/${model}`);
    if (bareIds.size < BARE_ID_MEMO) bareIds.set(model, resolution);
    return resolution;
  };

  const candidateOf = async (entry: RouteEntry): Promise<Candidate> => {
    const provider = parts.providers.get(entry.target.providerId) as LLMProvider;
    const metadata = await parts.catalog.metadataOf(provider);
    return {
      target: entry.target,
      address: entry.address,
      model: findModel(provider, metadata, entry.target.model),
      stats: parts.stats.get(entry.target),
      weight: entry.weight,
    };
  };

  const planCompletion = async (
    resolution: Resolution,
    request: CompletionRequest,
    streaming: boolean,
  ): Promise<PlannedCall> => {
    const candidates = await Promise.all(resolution.entries.map(candidateOf));
    const needs = requiredCapabilities(request, streaming);
    const ordered = parts.selector.select(candidates, request, needs);
    if (ordered.length === 0) {
      throw new ConnectorError(
        'invalid_request',
        `Invalid request: no target of route "${resolution.route}" supports what the request needs (tools: ${needs.tools}, vision: ${needs.vision}, json: ${needs.json}, about ${needs.minContextTokens} tokens of context).`,
        { field: 'model' },
      );
    }
    return { route: resolution.route, targets: ordered.map((candidate) => candidate.target) };
  };

  const planEmbedding = async (resolution: Resolution, request: EmbeddingRequest): Promise<PlannedCall> => {
    const embedding = resolution.entries.filter(
      (entry) => parts.providers.get(entry.target.providerId)?.embed !== undefined,
    );
    if (embedding.length === 0) {
      const what =
        resolution.route === undefined
          ? `provider "${resolution.entries[0]?.target.providerId}"`
          : `no target of route "${resolution.route}"`;
      throw new ConnectorError(
        'unsupported',
        `Invalid request: ${what} ${resolution.route === undefined ? 'does not offer' : 'offers'} embeddings.`,
        { field: 'model' },
      );
    }
    if (embedding.length === 1) return { route: resolution.route, targets: [embedding[0]?.target as Target] };
    const candidates = await Promise.all(embedding.map(candidateOf));
    const lengths = candidates.map((candidate) => vectorLength(candidate.model, request.dimensions));
    const firstUsable = lengths.findIndex((length) => length !== 'unavailable');
    const reference = lengths[firstUsable];
    const matching = firstUsable === -1 ? [] : candidates.filter((_, index) => lengths[index] === reference);
    if (matching.length === 0) {
      throw new ConnectorError(
        'invalid_request',
        `Invalid request: no target of route "${resolution.route}" embeds with ${request.dimensions} dimensions.`,
        { field: 'dimensions' },
      );
    }
    const healthy = matching.filter((candidate) => candidate.stats.healthy);
    const ordered =
      healthy.length === matching.length
        ? matching
        : [...healthy, ...matching.filter((c) => !c.stats.healthy)];
    return { route: resolution.route, targets: ordered.map((candidate) => candidate.target) };
  };

  return plan;
}

/**
 * The length of the vectors a model returns for a request: the requested one where the model can
 * shorten its vectors, its own otherwise; `unavailable` when it cannot produce the requested
 * length; the request's (possibly undefined) length when the catalog does not know the model.
 */
function vectorLength(
  model: ModelInfo | undefined,
  requested: number | undefined,
): number | undefined | 'unavailable' {
  const embedding = model?.embedding;
  if (embedding === undefined) return requested;
  if (requested === undefined) return embedding.dimensions;
  if (requested === embedding.dimensions) return requested;
  return embedding.flexibleDimensions === true && requested < embedding.dimensions
    ? requested
    : 'unavailable';
}
