import type { AuthenticatedKey } from './model/authentication.js';

/** Whether one list of patterns (exact ids, or prefixes ending in `*`) allows `model`; null allows all. */
export function patternsAllowModel(patterns: readonly string[] | null, model: string): boolean {
  if (patterns === null) return true;
  for (const pattern of patterns) {
    if (pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : pattern === model) return true;
  }
  return false;
}

/** Whether an authenticated key may call `model`: both the key's and its team's lists must allow it. */
export function modelAllowed(authenticated: AuthenticatedKey, model: string): boolean {
  return (
    patternsAllowModel(authenticated.key.allowedModels, model) &&
    patternsAllowModel(authenticated.team?.allowedModels ?? null, model)
  );
}
