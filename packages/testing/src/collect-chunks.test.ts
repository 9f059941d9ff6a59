import { ConnectorError, type StreamChunk } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { catchConnectorError } from './catch-connector-error.js';
import { collectChunks } from './collect-chunks.js';

describe('test helpers', () => {
  it('collects every chunk of a stream', async () => {
    const chunks: StreamChunk[] = [
      { type: 'text-delta', text: 'a' },
      { type: 'finish', finishReason: 'stop' },
    ];
    expect(
      await collectChunks(
        (async function* () {
          yield* chunks;
        })(),
      ),
    ).toEqual(chunks);
  });

  it('returns the ConnectorError a promise rejects with, and refuses anything else', async () => {
    const error = new ConnectorError('rate_limit', 'slow');
    expect(await catchConnectorError(Promise.reject(error))).toBe(error);
    await expect(catchConnectorError(Promise.reject(new Error('plain')))).rejects.toThrow('plain');
    await expect(catchConnectorError(Promise.resolve('fine'))).rejects.toThrow('expected the call to fail');
  });
});
