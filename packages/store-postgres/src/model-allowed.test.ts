import { describe, expect, it } from 'vitest';
import type { AuthenticatedKey } from './model/authentication.js';
import { modelAllowed, patternsAllowModel } from './model-allowed.js';

const auth = (keyModels: string[] | null, teamModels?: string[] | null): AuthenticatedKey =>
  ({
    status: 'ok',
    key: { allowedModels: keyModels },
    team: teamModels === undefined ? undefined : { allowedModels: teamModels },
  }) as unknown as AuthenticatedKey;

describe('modelAllowed', () => {
  it('matches exact ids and prefixes ending in *, and null allows everything', () => {
    expect(patternsAllowModel(['openai/gpt-4o', 'anthropic/*'], 'anthropic/claude-sonnet')).toBe(true);
    expect(patternsAllowModel(['openai/gpt-4o'], 'openai/gpt-4o-mini')).toBe(false);
    expect(patternsAllowModel(null, 'anything')).toBe(true);
    expect(patternsAllowModel([], 'anything')).toBe(false);
  });

  it('needs both the key and its team to allow the model', () => {
    expect(modelAllowed(auth(['openai/*'], ['openai/gpt-4o']), 'openai/gpt-4o')).toBe(true);
    expect(modelAllowed(auth(['openai/*'], ['openai/gpt-4o']), 'openai/o3')).toBe(false);
    expect(modelAllowed(auth(null, ['anthropic/*']), 'openai/o3')).toBe(false);
    expect(modelAllowed(auth(['openai/*']), 'openai/o3')).toBe(true);
  });
});
