import { describe, expect, it } from 'vitest';
import { splitIntoBatches } from './split-into-batches.js';

describe('splitIntoBatches', () => {
  const inputs = (count: number) => Array.from({ length: count }, (_, index) => `text ${index}`);

  it('cuts at the most inputs per request, keeping input order', () => {
    const batches = splitIntoBatches(inputs(250), { maxInputs: 100 });
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(inputs(250));
    expect(splitIntoBatches(inputs(3), { maxInputs: 1 })).toEqual([['text 0'], ['text 1'], ['text 2']]);
  });

  it('also cuts before the token budget would be exceeded; an input over it goes alone', () => {
    const sized = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(200), 'd'.repeat(10), 'e'.repeat(10)];
    const batches = splitIntoBatches(sized, {
      maxInputs: 10,
      maxTokens: 100,
      estimateTokens: (input) => input.length,
    });
    expect(batches.map((batch) => batch.map((input) => input[0]).join(''))).toEqual(['ab', 'c', 'de']);
  });
});
