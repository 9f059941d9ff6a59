import type { Target } from '../contracts/middleware-context.js';
import { ConfigError } from '../errors/config-error.js';
import { ConnectorError } from '../errors/connector-error.js';
import { targetAddress } from './target-address.js';

/** One entry of a route: `"provider/model"`, or the same with a weight for weighted selection. */
export type RouteTarget = string | { readonly target: string; readonly weight?: number };

/** A resolved route entry. */
export interface RouteEntry {
  readonly target: Target;
  readonly address: string;
  readonly weight: number;
}

/** Where a request's `model` points: one target, or a route of several. */
export interface Resolution {
  readonly route: string | undefined;
  readonly entries: readonly RouteEntry[];
}

/**
 * Resolves model addresses against the registered providers and configured routes. Built once
 * per hub; `resolve` runs per request and allocates only for bare-model addresses.
 */
export class RouteTable {
  readonly #providers: ReadonlySet<string>;
  readonly #routes = new Map<string, Resolution>();
  readonly #direct = new Map<string, Resolution>();

  constructor(providerIds: Iterable<string>, routes: Readonly<Record<string, readonly RouteTarget[]>> = {}) {
    this.#providers = new Set(providerIds);
    for (const [alias, targets] of Object.entries(routes)) {
      if (this.#providers.has(alias)) {
        throw new ConfigError(`Route "${alias}" has the same name as a provider; rename the route.`, {
          path: `routes.${alias}`,
        });
      }
      if (!Array.isArray(targets) || targets.length === 0) {
        throw new ConfigError(`Route "${alias}" must list at least one "provider/model" target.`, {
          path: `routes.${alias}`,
        });
      }
      const entries = targets.map((item, index) => this.#entry(item, `routes.${alias}.${index}`));
      this.#routes.set(alias, { route: alias, entries });
    }
  }

  /** Every target of every configured route. */
  targets(): Target[] {
    return [...this.#routes.values()].flatMap((resolution) =>
      resolution.entries.map((entry) => entry.target),
    );
  }

  /** Route aliases and their target addresses, in order. */
  routes(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [alias, resolution] of this.#routes)
      out[alias] = resolution.entries.map((entry) => entry.address);
    return out;
  }

  /**
   * Resolves a request's `model`.
   *
   * @throws ConnectorError `invalid_request` (field `model`) for an unknown provider or route.
   */
  resolve(model: string): Resolution {
    const resolved = this.tryResolve(model);
    if (resolved === undefined) throw this.unknownModelError(model);
    return resolved;
  }

  /**
   * Resolves a route alias, a `provider/model` address, or a bare model when exactly one
   * provider is registered; undefined for anything else (a bare id among several providers).
   */
  tryResolve(model: string): Resolution | undefined {
    const routed = this.#routes.get(model) ?? this.#direct.get(model);
    if (routed !== undefined) return routed;
    const target = this.#parse(model);
    if (target === undefined) return undefined;
    const resolution: Resolution = {
      route: undefined,
      entries: [{ target, address: targetAddress(target), weight: 1 }],
    };
    // addresses repeat across requests; a bounded memo keeps resolution allocation-free
    if (this.#direct.size < 1024) this.#direct.set(model, resolution);
    return resolution;
  }

  /** Parses `"provider/model"` (or a bare model when exactly one provider is registered). */
  parseTarget(address: string): Target {
    const target = this.#parse(address);
    if (target === undefined) throw this.unknownModelError(address);
    return target;
  }

  /** The error for a model that names no provider or route, listing what exists. */
  unknownModelError(model: string, problem = 'names no registered provider or route'): ConnectorError {
    const known = [...this.#providers].join(', ') || '(none)';
    const routes = [...this.#routes.keys()].join(', ') || '(none)';
    return new ConnectorError(
      'invalid_request',
      `Invalid request: model "${model}" ${problem}. Use "provider/model"; providers: ${known}; routes: ${routes}.`,
      { field: 'model' },
    );
  }

  #parse(address: string): Target | undefined {
    const slash = address.indexOf('/');
    if (slash > 0) {
      const providerId = address.slice(0, slash);
      const model = address.slice(slash + 1);
      if (this.#providers.has(providerId) && model !== '') return { providerId, model };
    }
    if (this.#providers.size === 1) {
      const [providerId] = this.#providers as Set<string>;
      return { providerId: providerId as string, model: address };
    }
    return undefined;
  }

  #entry(item: RouteTarget, path: string): RouteEntry {
    const address = typeof item === 'string' ? item : item?.target;
    const weight = typeof item === 'string' ? 1 : (item?.weight ?? 1);
    if (typeof address !== 'string')
      throw new ConfigError('A route target must be "provider/model" or { target, weight }.', { path });
    if (!(Number.isFinite(weight) && weight >= 0))
      throw new ConfigError('A route weight must be a number of at least 0.', { path: `${path}.weight` });
    const slash = address.indexOf('/');
    const providerId = slash > 0 ? address.slice(0, slash) : address;
    const model = slash > 0 ? address.slice(slash + 1) : '';
    if (!this.#providers.has(providerId)) {
      throw new ConfigError(
        `Route target "${address}" names provider "${providerId}", which no plugin registered.`,
        { path },
      );
    }
    if (model === '')
      throw new ConfigError(`Route target "${address}" names no model: write "provider/model".`, { path });
    return { target: { providerId, model }, address, weight };
  }
}
