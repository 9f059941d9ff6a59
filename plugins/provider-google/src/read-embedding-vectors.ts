import { ConnectorError } from '@hub/core';

/** Where vectors came from, for the error of a malformed response. */
export interface VectorOrigin {
  readonly providerId: string;
  readonly model: string;
}

function malformed(origin: VectorOrigin, problem: string): ConnectorError {
  return new ConnectorError('parse', `The embedding response ${problem}.`, {
    providerId: origin.providerId,
    model: origin.model,
  });
}

/**
 * The vectors of a response's list of embeddings, each as a `Float32Array` (one copy: JSON
 * numbers arrive as a number array, and the vector is kept once, at half the memory of a number array).
 *
 * @param items - The response's list (`embeddings`, `predictions`).
 * @param expected - How many inputs the request held: the list must hold as many.
 * @param valuesOf - Where one item keeps its numbers (`item.values`, `item.embeddings.values`).
 * @throws ConnectorError `parse` when the list has another length, or an item has no numbers.
 */
export function readEmbeddingVectors<T>(
  items: unknown,
  expected: number,
  valuesOf: (item: T | undefined) => unknown,
  origin: VectorOrigin,
): Float32Array[] {
  if (!Array.isArray(items) || items.length !== expected) {
    throw malformed(origin, `does not hold one embedding per input (${expected} sent)`);
  }
  const vectors: Float32Array[] = new Array(expected);
  for (let item = 0; item < expected; item++) {
    const values: unknown = valuesOf(items[item] as T | undefined);
    if (!Array.isArray(values) || values.length === 0)
      throw malformed(origin, `has no values for input ${item}`);
    const vector = new Float32Array(values.length);
    for (let index = 0; index < values.length; index++) {
      const value: unknown = values[index];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw malformed(origin, `holds a value that is not a number for input ${item}`);
      }
      vector[index] = value;
    }
    vectors[item] = vector;
  }
  return vectors;
}
