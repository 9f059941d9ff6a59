import { type CompletionRequest, ConnectorError, type EmbeddingRequest, type LimitCheck } from '@hub/core';
import type { MultiLimitRateLimiter } from '@hub/middleware-rate-limit';
import { type AuthenticatedKey, patternsAllowModel } from '@hub/store-postgres';
import type { Logger } from 'pino';
import { enforceKeyPolicy } from '../server/enforce-key-policy.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { budgetRefusalError } from './budget-refusal-error.js';
import {
  type CallAdmission,
  createCallAdmission,
  type HeldTokens,
  UNGOVERNED_ADMISSION,
} from './call-admission.js';
import type { Caller } from './caller.js';
import { estimateCall } from './estimate-call.js';
import type { Governance } from './governance.js';

/** One call to admit: what it asks for and where it came from. */
export interface CallDescription {
  /** The gateway route (`/v1/chat/completions`), for the ledger. */
  readonly route: string;
  /** `count-tokens` is free: key, model lists and requests per minute only, no reservation or ledger row. */
  readonly operation: 'complete' | 'stream' | 'embed' | 'count-tokens';
  /** The parsed request; its `model` is checked against the allow-lists and priced. */
  readonly request: CompletionRequest | EmbeddingRequest;
  readonly requestId: string;
  /** Aborts the admission's own I/O (database, Redis) when the client leaves. */
  readonly signal: AbortSignal;
}

const MINUTE_MS = 60_000;

/**
 * Admits one call for `caller`, the same way on every route, before any upstream I/O:
 *
 * 1. the model allow-lists: the key's, then its team's (403 naming which);
 * 2. the budgets: the call's estimate (see `estimateCall`) is reserved against the key's and the
 *    team's budgets in one database statement shared by every replica (429 `insufficient_quota`
 *    naming the budget; 503 when the database cannot answer and `failMode` is `closed`);
 * 3. requests and tokens per minute of the key and the team, in one atomic check of the
 *    gateway's key limiter (Redis when configured, so shared by replicas); a refusal gives the
 *    reservation back (429 `rate_limit` naming the limit, with `retry-after`).
 *
 * Config-file keys keep their own policy (`enforceKeyPolicy`) and, with a database, their calls are
 * written to the ledger without a key. Wrap the hub call in the returned admission's `track…`.
 *
 * @throws ConnectorError as above; `cancelled` when `call.signal` aborts (anything held is given back).
 */
export async function admitCall(
  caller: Caller,
  call: CallDescription,
  context: GatewayContext,
): Promise<CallAdmission> {
  const governance = context.governance;
  if (caller.kind === 'open') return UNGOVERNED_ADMISSION;
  if (caller.kind === 'config') {
    await enforceKeyPolicy(caller.key, call.request.model, context);
    if (governance === undefined || call.operation === 'count-tokens') return UNGOVERNED_ADMISSION;
    const estimate = estimateCall(call.request, await governance.prices.targetsOf(call.request.model));
    return createCallAdmission({
      ...admissionBasics(governance, call, context.logger),
      estimate,
      authenticated: undefined,
      reservation: undefined,
      heldTokens: undefined,
    });
  }
  if (governance === undefined) {
    throw new ConnectorError('config', 'A database key was authenticated without a database.');
  }
  return admitDatabaseCall(caller.authenticated, call, {
    governance,
    limiter: context.gateway.keyLimiter,
    logger: context.logger,
  });
}

/** What `admitDatabaseCall` works with. */
export interface DatabaseAdmissionDeps {
  readonly governance: Governance;
  /** The limiter of requests and tokens per minute (Redis when configured). */
  readonly limiter: MultiLimitRateLimiter;
  readonly logger?: Logger;
}

/**
 * The database-key part of `admitCall` (steps 1 to 3), on its own so that it can be measured and
 * reused by routes that do not go through `admitCall`.
 */
export async function admitDatabaseCall(
  authenticated: AuthenticatedKey,
  call: CallDescription,
  deps: DatabaseAdmissionDeps,
): Promise<CallAdmission> {
  const { governance, limiter } = deps;
  const model = call.request.model;
  if (!patternsAllowModel(authenticated.key.allowedModels, model)) {
    throw new ConnectorError('permission', `This key may not use model "${model}".`, { field: 'model' });
  }
  if (!patternsAllowModel(authenticated.team?.allowedModels ?? null, model)) {
    throw new ConnectorError('permission', `This key's team may not use model "${model}".`, {
      field: 'model',
    });
  }
  if (call.operation === 'count-tokens') {
    const requests = minuteLimits(authenticated, 0).filter((limit) => limit.dimension === 'requests');
    await checkMinuteLimits(requests, limiter, governance, call.signal);
    return UNGOVERNED_ADMISSION;
  }
  const estimate = estimateCall(call.request, await governance.prices.targetsOf(model));
  const reserved = await governance.store.reserve(authenticated, {
    estimatedCost: estimate.costUsd,
    model,
    signal: call.signal,
  });
  if (!reserved.admitted) {
    governance.counters.budgetRefusals[reserved.reason]++;
    throw budgetRefusalError(reserved, governance.now());
  }
  const limits = minuteLimits(authenticated, estimate.inputTokens + estimate.outputTokens);
  try {
    await checkMinuteLimits(limits, limiter, governance, call.signal);
  } catch (error) {
    governance.store.release(reserved.reservation);
    throw error;
  }
  const tokenLimits = limits.filter((limit) => limit.dimension === 'tokens');
  const heldTokens: HeldTokens | undefined =
    tokenLimits.length === 0
      ? undefined
      : {
          limiter,
          checks: tokenLimits.map((limit) => ({
            key: limit.check.key,
            ...(limit.check.rule !== undefined && { rule: limit.check.rule }),
            tokens: limit.check.cost?.tokens ?? 0,
          })),
        };
  return createCallAdmission({
    ...admissionBasics(governance, call, deps.logger),
    estimate,
    authenticated,
    reservation: reserved.reservation,
    heldTokens,
  });
}

/**
 * Takes one request (and the tokens) from every limit in one atomic step, or nothing.
 *
 * @throws ConnectorError `rate_limit` naming the limit that refused, with its wait; the limiter's
 *   own errors (Redis unreachable with `limitsFailMode: closed`, a cancelled signal).
 */
async function checkMinuteLimits(
  limits: readonly MinuteLimit[],
  limiter: MultiLimitRateLimiter,
  governance: Governance,
  signal: AbortSignal,
): Promise<void> {
  if (limits.length === 0) return;
  const decision = await limiter.checkLimits(
    limits.map((limit) => limit.check),
    { signal },
  );
  if (decision.allowed) return;
  const refused = limits[decision.failedIndex] as MinuteLimit;
  governance.counters.rateLimited[refused.scope]++;
  const who = refused.scope === 'key' ? 'This key' : "This key's team";
  throw new ConnectorError('rate_limit', `${who} exceeded its ${refused.dimension} per minute.`, {
    retryAfterMs: decision.retryAfterMs,
  });
}

function admissionBasics(governance: Governance, call: CallDescription, logger: Logger | undefined) {
  return {
    // count-tokens never gets here: it is admitted without a reservation
    operation: call.operation as 'complete' | 'stream' | 'embed',
    store: governance.store,
    counters: governance.counters,
    logger,
    now: governance.now,
    route: call.route,
    model: call.request.model,
    requestId: call.requestId,
  };
}

/** One per-minute limit of a key or its team, as a limiter check. */
interface MinuteLimit {
  readonly scope: 'key' | 'team';
  readonly dimension: 'requests' | 'tokens';
  readonly check: LimitCheck;
}

/**
 * The key's and the team's requests and tokens per minute as limiter checks, all taken in one
 * atomic step. A call's tokens are reserved at its estimate (corrected when it ends), but never
 * more than a bucket holds: a single call larger than a whole minute's tokens may still run, alone.
 */
function minuteLimits(authenticated: AuthenticatedKey, tokens: number): MinuteLimit[] {
  const limits: MinuteLimit[] = [];
  const add = (scope: 'key' | 'team', id: string, rpm: number | null, tpm: number | null): void => {
    if (rpm !== null) {
      limits.push({
        scope,
        dimension: 'requests',
        check: { key: `${scope}:${id}:rpm`, rule: { requestsPerWindow: rpm, windowMs: MINUTE_MS } },
      });
    }
    if (tpm !== null) {
      limits.push({
        scope,
        dimension: 'tokens',
        check: {
          key: `${scope}:${id}:tpm`,
          rule: { tokensPerWindow: tpm, windowMs: MINUTE_MS },
          cost: { requests: 0, tokens: Math.min(tokens, tpm) },
        },
      });
    }
  };
  add('key', authenticated.key.id, authenticated.key.rpm, authenticated.key.tpm);
  const team = authenticated.team;
  if (team !== undefined) add('team', team.id, team.rpm, team.tpm);
  return limits;
}
