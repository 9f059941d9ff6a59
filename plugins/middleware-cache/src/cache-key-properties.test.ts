import type { CompletionRequest, EmbeddingRequest } from '@hub/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheKey } from './cache-key.js';

// Property tests of the key: equal keys exactly when a plain reference model (sorted-key JSON of
// the fields that matter) says two requests ask the same thing. Small alphabets make near-equal
// requests common, so a serialization that is not collision-free shows up within the runs.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type AnyRequest = CompletionRequest | EmbeddingRequest;

const RUNS = 1_000;
const PROVIDERS = ['openai', 'azure'] as const;

// characters that break naive serializations: quotes, separators, digits, escapes, lone surrogates
const text = fc.string({
  unit: fc.constantFrom('a', 'b', '"', ':', '1', '[', '{', '\\', '\n', 'é', '🙂', '\uD800', '\uDC00'),
  maxLength: 4,
});
const number = fc.constantFrom(0, -0, 1, 0.5, 10, 1e21, -3);
const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: number, weight: 3 },
    { arbitrary: text, weight: 3 },
    // arrays of neighbouring scalars are where a serialization can be forged
    { arbitrary: fc.array(tie('value'), { maxLength: 3 }), weight: 4 },
    { arbitrary: fc.dictionary(text, tie('value'), { maxKeys: 3 }), weight: 2 },
  ),
})).value;

const textPart = fc.record({ type: fc.constant('text' as const), text });
const imagePart = fc.record({
  type: fc.constant('image' as const),
  source: fc.oneof(
    fc.record({ type: fc.constant('url' as const), url: text }),
    fc.record({ type: fc.constant('base64' as const), data: text, mediaType: text }),
  ),
});
const message = fc.oneof(
  fc.record({ role: fc.constant('system' as const), content: text }),
  fc.record(
    {
      role: fc.constant('user' as const),
      content: fc.oneof(text, fc.array(fc.oneof(textPart, imagePart), { minLength: 1, maxLength: 2 })),
      name: text,
    },
    { requiredKeys: ['role', 'content'] },
  ),
  fc.record(
    {
      role: fc.constant('assistant' as const),
      content: text,
      toolCalls: fc.array(fc.record({ id: text, name: text, arguments: text }), { maxLength: 2 }),
    },
    { requiredKeys: ['role', 'content'] },
  ),
  fc.record({ role: fc.constant('tool' as const), toolCallId: text, content: text }),
);
const providerParams = fc.dictionary(
  fc.constantFrom(...PROVIDERS, 'anthropic'),
  fc.dictionary(text, json, { maxKeys: 2 }),
  {
    maxKeys: 2,
  },
);
const metadata = fc.dictionary(text, text, { maxKeys: 2 });

const completion: fc.Arbitrary<CompletionRequest> = fc.record(
  {
    model: fc.constantFrom('m1', 'm2'),
    messages: fc.array(message, { minLength: 1, maxLength: 3 }),
    temperature: number,
    topP: number,
    maxTokens: fc.constantFrom(1, 10),
    stop: fc.array(text, { maxLength: 2 }),
    seed: number,
    tools: fc.array(
      fc.record(
        { name: text, description: text, parameters: fc.dictionary(text, json, { maxKeys: 3 }) },
        {
          requiredKeys: ['name', 'parameters'],
        },
      ),
      { maxLength: 2 },
    ),
    toolChoice: fc.oneof(
      fc.constantFrom('auto' as const, 'none' as const, 'required' as const),
      fc.record({ type: fc.constant('tool' as const), name: text }),
    ),
    parallelToolCalls: fc.boolean(),
    responseFormat: fc.oneof(
      fc.record({ type: fc.constantFrom('text' as const, 'json' as const) }),
      fc.record({ type: fc.constant('json_schema' as const), name: text, schema: fc.dictionary(text, json) }),
    ),
    reasoning: fc.record(
      { effort: fc.constantFrom('low' as const, 'high' as const), budgetTokens: number },
      {
        requiredKeys: [],
      },
    ),
    user: text,
    metadata,
    providerParams,
  },
  { requiredKeys: ['model', 'messages'] },
) as fc.Arbitrary<CompletionRequest>;

const embedding: fc.Arbitrary<EmbeddingRequest> = fc.record(
  {
    model: fc.constantFrom('m1', 'm2'),
    input: fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 })),
    dimensions: fc.constantFrom(256, 512),
    inputType: fc.constantFrom('query' as const, 'document' as const),
    user: text,
    metadata,
    providerParams,
  },
  { requiredKeys: ['model', 'input'] },
);

const anyRequest: fc.Arbitrary<AnyRequest> = fc.oneof(completion, embedding);

/** The reference model: what a key must tell apart, as sorted-key JSON (JSON escapes lone surrogates). */
function reference(request: AnyRequest, providerId: string): string {
  const { metadata: _metadata, user: _user, providerParams: params, ...rest } = request;
  const embed = 'input' in request;
  const fields: Record<string, unknown> = {
    ...rest,
    kind: embed ? 'embed' : 'complete',
    provider: providerId,
  };
  if (embed && typeof request.input === 'string') fields.input = [request.input];
  fields.providerParams = params?.[providerId];
  return JSON.stringify(sortKeys(fields));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/** The same request written differently: keys in reverse order at every depth, explicit undefineds added. */
function rewrite(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const rewritten: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse())
    rewritten[key] = rewrite((value as Record<string, unknown>)[key], depth + 1);
  rewritten[`absent${depth}`] = undefined;
  return rewritten;
}

/** Every path to a value inside `value`, the root included. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const found = [at];
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      found.push(...paths(child, [...at, Array.isArray(value) ? Number(key) : key]));
    }
  }
  return found;
}

/** `value` with the node at `path` replaced by `replacement` (a deep copy; `value` is left alone). */
function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...tail] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaceAt(copy[head], tail, replacement);
  return copy;
}

const COMPLETION_FIELDS = [
  'messages',
  'temperature',
  'topP',
  'maxTokens',
  'stop',
  'seed',
  'tools',
  'toolChoice',
  'parallelToolCalls',
  'responseFormat',
  'reasoning',
  'providerParams',
  'metadata',
  'user',
  'future',
];
const EMBEDDING_FIELDS = ['input', 'dimensions', 'inputType', 'providerParams', 'metadata', 'user', 'future'];
const NESTED_KEYS = ['a', '"'];
const SEPARATORS = ['', '"', ':', ';', '#', '"1:'];
const isScalar = (value: unknown): value is string | number | boolean | null =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/**
 * The requests one tricky edit away from `request`: a field under another name (a tag shared by
 * two fields), a string split in two or two strings joined (a delimiter a string can forge), a
 * lone surrogate swapped for another (one UTF-8 replacement character for both), a scalar turned
 * into a string that spells it (a type marker a string can forge).
 */
function neighbours(request: AnyRequest): AnyRequest[] {
  const found: unknown[] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (typeof node === 'string') {
      for (const [from, to] of [
        ['\uD800', '\uDC00'],
        ['\uDC00', '\uD800'],
      ] as const) {
        if (node.includes(from)) found.push(replaceAt(request, path, node.replace(from, to)));
      }
      return;
    }
    if (typeof node === 'number' || typeof node === 'boolean' || node === null) {
      found.push(replaceAt(request, path, String(node)));
      return;
    }
    if (Array.isArray(node)) {
      const splice = (index: number, count: number, ...items: unknown[]): void => {
        found.push(
          replaceAt(request, path, [...node.slice(0, index), ...items, ...node.slice(index + count)]),
        );
      };
      node.forEach((item, index) => {
        if (typeof item === 'string') {
          // in two, and in two without the character at the cut (which may be a delimiter)
          for (let cut = 0; cut <= item.length; cut++) {
            splice(index, 1, item.slice(0, cut), item.slice(cut));
            if (cut < item.length) splice(index, 1, item.slice(0, cut), item.slice(cut + 1));
          }
        }
        const next = node[index + 1];
        if (isScalar(item) && isScalar(next)) {
          // two neighbours forged into one: their texts joined, with any separator
          for (const separator of SEPARATORS) {
            const joined = `${String(item)}${separator}${String(next)}`;
            splice(index, 2, joined);
            if (Number.isFinite(Number(joined)) && joined.trim() !== '') splice(index, 2, Number(joined));
          }
        }
        visit(item, [...path, index]);
      });
      return;
    }
    if (typeof node === 'object' && node !== undefined) {
      const record = node as Record<string, unknown>;
      const names =
        path.length === 0 ? ('input' in request ? EMBEDDING_FIELDS : COMPLETION_FIELDS) : NESTED_KEYS;
      for (const key of Object.keys(record)) {
        if (path.length === 0 && key === 'model') continue;
        for (const name of names) {
          if (name in record) continue;
          const { [key]: moved, ...others } = record;
          found.push(replaceAt(request, path, { ...others, [name]: moved }));
        }
        visit(record[key], [...path, key]);
      }
    }
  };
  visit(request, []);
  return found as AnyRequest[];
}

// thousands of generated requests: a generous bound, so a busy machine slows the test but never fails it
describe('cacheKey properties', { timeout: 120_000 }, () => {
  it('gives a request written differently (key order, explicit undefineds) the same key', () => {
    fc.assert(
      fc.property(anyRequest, fc.constantFrom(...PROVIDERS), (request, providerId) => {
        const other = { ...(rewrite(request) as AnyRequest), model: request.model };
        expect(cacheKey(other, providerId)).toBe(cacheKey(request, providerId));
      }),
      { numRuns: RUNS },
    );
  });

  it('ignores metadata, user and other providers params', () => {
    fc.assert(
      fc.property(anyRequest, metadata, text, json, (request, otherMetadata, otherUser, otherParams) => {
        const noisy = {
          ...request,
          metadata: otherMetadata,
          user: otherUser,
          providerParams: { ...request.providerParams, anthropic: { noise: otherParams } },
        };
        expect(cacheKey(noisy, 'openai')).toBe(cacheKey(request, 'openai'));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives two requests the same key exactly when the reference model finds them equal', () => {
    fc.assert(
      fc.property(anyRequest, anyRequest, fc.constantFrom(...PROVIDERS), (first, second, providerId) => {
        const sameKey = cacheKey(first, providerId) === cacheKey(second, providerId);
        expect(sameKey).toBe(reference(first, providerId) === reference(second, providerId));
      }),
      { numRuns: RUNS },
    );
  });

  it('changes the key for a small change anywhere that the reference model finds meaningful', () => {
    const replacement = fc.oneof(json, text, number, fc.constant(undefined));
    fc.assert(
      fc.property(anyRequest, fc.nat(), replacement, (request, pick, value) => {
        const all = paths(request).filter((path) => path.length > 0 && path[0] !== 'model');
        const path = all[pick % all.length] as (string | number)[];
        const changed = replaceAt(request, path, value) as AnyRequest;
        const sameKey = cacheKey(changed, 'openai') === cacheKey(request, 'openai');
        expect(sameKey).toBe(reference(changed, 'openai') === reference(request, 'openai'));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('never gives a completion and an embedding the same key', () => {
    fc.assert(
      fc.property(completion, embedding, (chat, vectors) => {
        expect(cacheKey(chat, 'openai')).not.toBe(cacheKey(vectors, 'openai'));
      }),
      { numRuns: RUNS },
    );
  });
  it('tells apart every tricky neighbour that the reference model tells apart', () => {
    fc.assert(
      fc.property(anyRequest, (request) => {
        const key = cacheKey(request, 'openai');
        const expected = reference(request, 'openai');
        for (const neighbour of neighbours(request)) {
          const sameKey = cacheKey(neighbour, 'openai') === key;
          expect(sameKey, JSON.stringify(neighbour)).toBe(reference(neighbour, 'openai') === expected);
        }
      }),
      { numRuns: RUNS / 2 },
    );
  });
});
