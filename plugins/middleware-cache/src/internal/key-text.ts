import type { CompletionRequest, EmbeddingRequest } from '@hub/core';

/**
 * The text a cache key hashes: an unambiguous serialization of everything an answer depends on,
 * written in one pass into one string (V8 concatenates into a rope and flattens it once, when
 * hashed), with no intermediate objects, arrays or JSON strings.
 *
 * Grammar (every value delimits itself, so two different inputs never write the same text):
 *
 * - string: `"` length `:` characters (a length prefix instead of escaping, so no scan);
 * - number: `#` `String(value)` `;`  (`-0` writes as `0`, as in JSON);
 * - `T`, `F`, `N` for true, false, null;
 * - array: `[` items `]`, an item that JSON would drop written as `N` (as JSON does);
 * - object: `{` (key value)* `}` with keys sorted and entries JSON would drop left out, so key
 *   order and explicit `undefined`s never matter;
 * - request: a kind letter, provider and model, then each known field present as a one-letter
 *   tag and its value, in a fixed order, then any field this version does not know as `?` key
 *   value, sorted (a newer field can cause a miss, never a wrong hit).
 *
 * Left out on purpose: `metadata` (caller labels, cache controls), `user` (an abuse-monitoring
 * id) and other providers' `providerParams`: none of them changes the answer.
 */
export function keyText(request: CompletionRequest | EmbeddingRequest, providerId: string): string {
  return 'input' in request ? embeddingText(request, providerId) : completionText(request, providerId);
}

// a JSON schema or provider params nesting deeper than this is circular (core refuses requests
// nesting deeper than 64 levels before any middleware runs); a bound costs nothing per object
const MAX_DEPTH = 256;

// fields never part of a key (see keyText), and fields the writers below handle themselves
const COMPLETION_FIELDS: ReadonlySet<string> = new Set([
  'model',
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
  // not request fields, but callers sometimes pass a whole options bag: never part of a key
  'signal',
  'requestId',
]);

const EMBEDDING_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'input',
  'dimensions',
  'inputType',
  'providerParams',
  'metadata',
  'user',
  'signal',
  'requestId',
]);

function completionText(request: CompletionRequest, providerId: string): string {
  let text = `c${string(providerId)}${string(request.model)}m${value(request.messages, 0) ?? 'N'}`;
  if (request.temperature !== undefined) text += `t${value(request.temperature, 0)}`;
  if (request.topP !== undefined) text += `p${value(request.topP, 0)}`;
  if (request.maxTokens !== undefined) text += `x${value(request.maxTokens, 0)}`;
  if (request.stop !== undefined) text += `s${value(request.stop, 0)}`;
  if (request.seed !== undefined) text += `e${value(request.seed, 0)}`;
  if (request.tools !== undefined) text += `o${value(request.tools, 0)}`;
  if (request.toolChoice !== undefined) text += `h${value(request.toolChoice, 0)}`;
  if (request.parallelToolCalls !== undefined) text += `l${value(request.parallelToolCalls, 0)}`;
  if (request.responseFormat !== undefined) text += `r${value(request.responseFormat, 0)}`;
  if (request.reasoning !== undefined) text += `g${value(request.reasoning, 0)}`;
  const params = request.providerParams?.[providerId];
  if (params !== undefined) text += `P${value(params, 0)}`;
  return text + unknownFields(request, COMPLETION_FIELDS);
}

function embeddingText(request: EmbeddingRequest, providerId: string): string {
  // one string and a list of that one string ask for the same single vector
  const input = request.input;
  let text = `e${string(providerId)}${string(request.model)}i`;
  text += typeof input === 'string' ? `[${string(input)}]` : (value(input, 0) ?? 'N');
  if (request.dimensions !== undefined) text += `d${value(request.dimensions, 0)}`;
  if (request.inputType !== undefined) text += `k${value(request.inputType, 0)}`;
  const params = request.providerParams?.[providerId];
  if (params !== undefined) text += `P${value(params, 0)}`;
  return text + unknownFields(request, EMBEDDING_FIELDS);
}

function unknownFields(request: object, known: ReadonlySet<string>): string {
  let unknown: string[] | undefined;
  for (const key in request) {
    if (known.has(key) || !Object.hasOwn(request, key)) continue;
    unknown ??= [];
    unknown.push(key);
  }
  if (unknown === undefined) return '';
  let text = '';
  for (const key of unknown.sort()) {
    const field = value((request as Record<string, unknown>)[key], 0);
    if (field !== undefined) text += `?${string(key)}${field}`;
  }
  return text;
}

const string = (text: string): string => `"${text.length}:${text}`;

/** The text of a JSON value; undefined where JSON would drop it (undefined, functions, symbols). */
function value(input: unknown, depth: number): string | undefined {
  switch (typeof input) {
    case 'string':
      return string(input);
    case 'number':
      return `#${input === 0 ? '0' : String(input)};`;
    case 'boolean':
      return input ? 'T' : 'F';
    case 'bigint':
      throw new TypeError('A bigint cannot be part of a cache key.');
    case 'object':
      if (input === null) return 'N';
      if (depth >= MAX_DEPTH)
        throw new TypeError('A circular (or absurdly deep) structure cannot be part of a cache key.');
      return Array.isArray(input) ? array(input, depth + 1) : object(input, depth + 1);
    default:
      return undefined;
  }
}

function array(items: readonly unknown[], depth: number): string {
  let text = '[';
  for (let index = 0; index < items.length; index++) text += value(items[index], depth) ?? 'N';
  return `${text}]`;
}

function object(record: object, depth: number): string | undefined {
  const toJSON = (record as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return value(toJSON.call(record), depth);
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let text = '{';
  for (const key of keys) {
    const field = value((record as Record<string, unknown>)[key], depth);
    if (field !== undefined) text += string(key) + field;
  }
  return `${text}}`;
}
