/** Reads an SSE response incrementally, for tests that act between frames. */
export interface SseReader {
  /** Everything received so far. */
  readonly text: string;
  /** Reads until the received text contains `needle`; fails if the stream ends first. */
  readUntil(needle: string): Promise<void>;
  /** Reads to the end of the stream and returns everything received. */
  readToEnd(): Promise<string>;
}

/** Wraps a fetch response's body. */
export function readSse(response: Response): SseReader {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    get text() {
      return text;
    },
    async readUntil(needle) {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`The stream ended before "${needle}"; received: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    },
    async readToEnd() {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += decoder.decode(value, { stream: true });
      }
    },
  };
}

/** The `data:` payloads of an SSE text, parsed as JSON where they are JSON. */
export function dataFrames(text: string): unknown[] {
  return text
    .split('\n\n')
    .map((frame) => /^data: (.*)$/m.exec(frame)?.[1])
    .filter((data): data is string => data !== undefined)
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as unknown)));
}
