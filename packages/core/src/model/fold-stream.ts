import { ConnectorError } from '../errors/connector-error.js';
import type { CompletionResponse } from './completion-response.js';
import type { StreamChunk } from './stream-chunk.js';
import { StreamFolder, type StreamOrigin } from './stream-folder.js';

/**
 * Consumes a whole stream and returns the response it describes.
 *
 * @throws ConnectorError `stream` when the stream ends without a `finish` chunk; any error the
 * stream itself throws is rethrown unchanged.
 */
export async function foldStream(
  chunks: AsyncIterable<StreamChunk>,
  origin: StreamOrigin,
): Promise<CompletionResponse> {
  const folder = new StreamFolder(origin);
  for await (const chunk of chunks) folder.push(chunk);
  if (!folder.finished) {
    throw new ConnectorError('stream', 'The stream ended without a finish chunk.', {
      providerId: origin.provider,
    });
  }
  return folder.result();
}
