import {
  type CompletionRequest,
  ConfigError,
  type EmbeddingRequest,
  estimatePromptTokens,
  type MiddlewareContext,
} from '@hub/core';
import { estimateEmbeddingTokens } from '../estimate-embedding-tokens.js';
import { isMultiLimitRateLimiter } from '../is-multi-limit-rate-limiter.js';
import type { MultiLimitRateLimiter, RateLimitRule } from '../multi-limit-rate-limiter.js';
import type { RateLimitedOperation, RateLimitOptions, RateLimitScope } from '../rate-limit-options.js';

export const PLUGIN_NAME = '@hub/middleware-rate-limit';
const DEFAULT_WINDOW_MS = 60_000;
const DEFAULT_MAX_QUEUE_WAIT_MS = 30_000;
const DEFAULT_MAX_TOKENS = 1024;
const DEFAULT_ADAPTIVE_BLOCK_MS = 1000;
const SCOPES: readonly RateLimitScope[] = ['provider', 'model', 'caller'];

/** A validated limit, ready for the hot path. */
export interface ResolvedLimit {
  readonly name: string;
  readonly scope: RateLimitScope;
  readonly rule: RateLimitRule;
  readonly provider: string | undefined;
  readonly key:
    | ((
        request: CompletionRequest | EmbeddingRequest,
        context: MiddlewareContext<RateLimitedOperation>,
      ) => string | undefined)
    | undefined;
}

/** Validated adaptive settings. */
export interface ResolvedAdaptive {
  readonly scope: 'provider' | 'model';
  readonly minRequestsRemaining: number;
  readonly minTokensRemaining: number;
  readonly defaultBlockMs: number;
}

/** `RateLimitOptions` with defaults applied. */
export interface ResolvedRateLimitOptions {
  readonly name: string;
  readonly limits: readonly ResolvedLimit[];
  readonly limiter: MultiLimitRateLimiter | undefined;
  readonly onLimited: 'reject' | 'queue';
  readonly maxQueueWaitMs: number;
  readonly defaultMaxTokens: number;
  readonly estimatePromptTokens: (request: CompletionRequest) => number;
  readonly estimateEmbeddingTokens: (request: EmbeddingRequest) => number;
  readonly adaptive: ResolvedAdaptive | undefined;
}

const callerKeyFromMetadata = (request: CompletionRequest | EmbeddingRequest): string | undefined =>
  request.metadata?.['rate-limit.key'];

function fail(path: string, message: string): never {
  throw new ConfigError(`${path} ${message}`, { path, pluginName: PLUGIN_NAME });
}

const isPositive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

const isNonNegative = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Validates `RateLimitOptions` before any I/O, throwing `ConfigError` naming the first bad field. */
export function resolveRateLimitOptions(options: RateLimitOptions): ResolvedRateLimitOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object.');
  if (!Array.isArray(options.limits)) fail('limits', 'must be an array (it may be empty).');
  const names = new Set<string>();
  const limits = options.limits.map((limit, index): ResolvedLimit => {
    const path = `limits[${index}]`;
    if (typeof limit !== 'object' || limit === null) fail(path, 'must be an object.');
    if (!SCOPES.includes(limit.scope)) fail(`${path}.scope`, 'must be "provider", "model" or "caller".');
    if (limit.requestsPerWindow === undefined && limit.tokensPerWindow === undefined) {
      fail(path, 'needs requestsPerWindow, tokensPerWindow or both.');
    }
    if (limit.requestsPerWindow !== undefined && !isPositive(limit.requestsPerWindow)) {
      fail(`${path}.requestsPerWindow`, 'must be a positive number.');
    }
    if (limit.tokensPerWindow !== undefined && !isPositive(limit.tokensPerWindow)) {
      fail(`${path}.tokensPerWindow`, 'must be a positive number.');
    }
    const windowMs = limit.windowMs ?? DEFAULT_WINDOW_MS;
    if (!isPositive(windowMs) || !Number.isInteger(windowMs)) {
      fail(`${path}.windowMs`, 'must be a positive whole number of milliseconds.');
    }
    if (limit.provider !== undefined && (typeof limit.provider !== 'string' || limit.provider === '')) {
      fail(`${path}.provider`, 'must be a non-empty provider id.');
    }
    if (limit.key !== undefined && typeof limit.key !== 'function')
      fail(`${path}.key`, 'must be a function.');
    if (limit.key !== undefined && limit.scope !== 'caller') {
      fail(
        `${path}.key`,
        'is only used by scope "caller" (provider and model limits are keyed by the target).',
      );
    }
    const name = limit.name ?? `${limit.scope}#${index}`;
    if (typeof name !== 'string' || name === '') fail(`${path}.name`, 'must be a non-empty string.');
    if (names.has(name)) fail(`${path}.name`, `"${name}" is used by two limits; names must be unique.`);
    names.add(name);
    return {
      name,
      scope: limit.scope,
      rule: Object.freeze({
        windowMs,
        ...(limit.requestsPerWindow !== undefined && { requestsPerWindow: limit.requestsPerWindow }),
        ...(limit.tokensPerWindow !== undefined && { tokensPerWindow: limit.tokensPerWindow }),
      }),
      provider: limit.provider,
      key: limit.scope === 'caller' ? (limit.key ?? callerKeyFromMetadata) : undefined,
    };
  });

  if (options.limiter !== undefined && !isMultiLimitRateLimiter(options.limiter)) {
    fail(
      'limiter',
      'must implement checkLimits, updateUsages and block (memoryRateLimiter and redisRateLimiter do): several limits must be checked in one atomic step.',
    );
  }
  const onLimited = options.onLimited ?? 'reject';
  if (onLimited !== 'reject' && onLimited !== 'queue') fail('onLimited', 'must be "reject" or "queue".');
  const maxQueueWaitMs = options.maxQueueWaitMs ?? DEFAULT_MAX_QUEUE_WAIT_MS;
  if (!isNonNegative(maxQueueWaitMs)) fail('maxQueueWaitMs', 'must be a non-negative number.');
  const defaultMaxTokens = options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
  if (!isPositive(defaultMaxTokens) || !Number.isInteger(defaultMaxTokens)) {
    fail('defaultMaxTokens', 'must be a positive integer.');
  }
  const estimate = options.estimatePromptTokens ?? estimatePromptTokens;
  if (typeof estimate !== 'function') fail('estimatePromptTokens', 'must be a function.');
  const estimateEmbedding = options.estimateEmbeddingTokens ?? estimateEmbeddingTokens;
  if (typeof estimateEmbedding !== 'function') fail('estimateEmbeddingTokens', 'must be a function.');
  const name = options.name ?? 'rate-limit';
  if (typeof name !== 'string' || name === '') fail('name', 'must be a non-empty string.');

  return {
    name,
    limits,
    limiter: options.limiter,
    onLimited,
    maxQueueWaitMs,
    defaultMaxTokens,
    estimatePromptTokens: estimate,
    estimateEmbeddingTokens: estimateEmbedding,
    adaptive: resolveAdaptive(options.adaptive),
  };
}

function resolveAdaptive(adaptive: RateLimitOptions['adaptive']): ResolvedAdaptive | undefined {
  if (adaptive === false) return undefined;
  const settings = adaptive === undefined || adaptive === true ? {} : adaptive;
  if (typeof settings !== 'object' || settings === null) fail('adaptive', 'must be a boolean or an object.');
  const scope = settings.scope ?? 'model';
  if (scope !== 'provider' && scope !== 'model') fail('adaptive.scope', 'must be "provider" or "model".');
  const minRequestsRemaining = settings.minRequestsRemaining ?? 0;
  if (!isNonNegative(minRequestsRemaining))
    fail('adaptive.minRequestsRemaining', 'must be a non-negative number.');
  const minTokensRemaining = settings.minTokensRemaining ?? 0;
  if (!isNonNegative(minTokensRemaining))
    fail('adaptive.minTokensRemaining', 'must be a non-negative number.');
  const defaultBlockMs = settings.defaultBlockMs ?? DEFAULT_ADAPTIVE_BLOCK_MS;
  if (!isPositive(defaultBlockMs)) fail('adaptive.defaultBlockMs', 'must be a positive number.');
  return { scope, minRequestsRemaining, minTokensRemaining, defaultBlockMs };
}
