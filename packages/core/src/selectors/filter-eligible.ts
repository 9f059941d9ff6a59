import type { Candidate, RequiredCapabilities } from '../contracts/provider-selector.js';

/**
 * Drops candidates whose known model lacks a capability the request needs (a model unknown to
 * the catalog is kept: absence of metadata is not evidence of absence), and moves unhealthy
 * candidates behind healthy ones so they are tried only when nothing else is left.
 */
export function filterEligible(candidates: readonly Candidate[], needs: RequiredCapabilities): Candidate[] {
  const healthy: Candidate[] = [];
  const unhealthy: Candidate[] = [];
  for (const candidate of candidates) {
    if (!isCapable(candidate, needs)) continue;
    (candidate.stats.healthy ? healthy : unhealthy).push(candidate);
  }
  return unhealthy.length === 0 ? healthy : healthy.concat(unhealthy);
}

function isCapable(candidate: Candidate, needs: RequiredCapabilities): boolean {
  const model = candidate.model;
  if (model === undefined) return true;
  const capabilities = model.capabilities;
  if (needs.tools && !capabilities.tools) return false;
  if (needs.vision && !capabilities.vision) return false;
  if (needs.json && !capabilities.json) return false;
  if (needs.streaming && !capabilities.streaming) return false;
  return needs.minContextTokens <= model.contextWindow;
}
