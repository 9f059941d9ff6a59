import { ConnectorError } from '@hub/core';
import { describe, expect, it, vi } from 'vitest';
import { decodeJsonLines } from './decode-json-lines.js';
import { chunked } from './test-support/local-http-server.js';

async function decodeAll(body: AsyncIterable<Uint8Array>): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const value of decodeJsonLines(body, { providerId: 'ollama' })) values.push(value);
  return values;
}

const STREAM =
  '{"message":{"content":"Héllo 🌍"},"done":false}\r\n\n  \n{"done":true,"eval_count":7}\n[1,2]\n"tail"';
const EXPECTED = [
  { message: { content: 'Héllo 🌍' }, done: false },
  { done: true, eval_count: 7 },
  [1, 2],
  'tail',
];

describe('decodeJsonLines', () => {
  it('decodes lines with LF and CRLF endings, blank lines and a final line without newline', async () => {
    expect(await decodeAll(chunked(STREAM, 1_000_000))).toEqual(EXPECTED);
  });

  it('decodes the same values when split at every byte and at every size up to 30', async () => {
    for (let size = 1; size <= 30; size++) expect(await decodeAll(chunked(STREAM, size))).toEqual(EXPECTED);
  });

  it('delivers the values before a malformed line, then fails with parse and closes the source', async () => {
    const returned = vi.fn();
    const chunks = [Buffer.from('{"a":1}\n{"b":2}\n{not json}\n{"c":3}\n'), Buffer.from('{"d":4}\n')];
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const value = chunks.shift();
          return value === undefined ? { done: true, value: undefined } : { done: false, value };
        },
        return: async () => {
          returned();
          return { done: true, value: undefined };
        },
      }),
    };
    const values: unknown[] = [];
    const error = await (async () => {
      for await (const value of decodeJsonLines(source, { providerId: 'ollama' })) values.push(value);
    })().catch((caught: unknown) => caught);
    expect(values).toEqual([{ a: 1 }, { b: 2 }]);
    expect(ConnectorError.isInstance(error)).toBe(true);
    expect((error as ConnectorError).code).toBe('parse');
    expect((error as ConnectorError).providerId).toBe('ollama');
    expect((error as ConnectorError).message).toBe('Line 3 of the JSON-lines stream is not valid JSON');
    expect(returned).toHaveBeenCalledTimes(1);
  });

  it('fails with parse for a malformed final line', async () => {
    const error = await decodeAll(chunked('{"a":1}\n{"b":', 4)).catch((caught: unknown) => caught);
    expect(ConnectorError.isInstance(error) && error.code).toBe('parse');
  });

  it('calls return() on the source when the consumer stops early', async () => {
    const returned = vi.fn();
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: Buffer.from('{"n":1}\n') }),
        return: async () => {
          returned();
          return { done: true, value: undefined };
        },
      }),
    };
    for await (const value of decodeJsonLines(source)) {
      expect(value).toEqual({ n: 1 });
      break;
    }
    expect(returned).toHaveBeenCalledTimes(1);
  });
});
