import { readFileSync } from 'node:fs';

/** Reads wire fixtures (responses, SSE streams, error bodies) from one folder. */
export interface FixtureReader {
  /** The fixture's text, byte for byte. */
  text(name: string): string;
  /** The fixture parsed as JSON. */
  json<T = Record<string, unknown>>(name: string): T;
  /**
   * An SSE fixture split into its events, each frame keeping its lines and the blank line that
   * ends it, so a scripted server can send them one write at a time.
   */
  sseFrames(name: string): string[];
}

/**
 * A reader for the fixtures in `folder`, typically `new URL('./__fixtures__/', import.meta.url)`
 * from a provider's test. Fixtures are copied from the providers' official documentation.
 */
export function fixtureReader(folder: URL): FixtureReader {
  const text = (name: string): string => readFileSync(new URL(name, folder), 'utf8');
  return {
    text,
    json: <T>(name: string) => JSON.parse(text(name)) as T,
    sseFrames: (name) => splitSseFrames(text(name)),
  };
}

/** Splits SSE text into frames, each ending with its blank line. */
export function splitSseFrames(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/(?<=\n\n)/)
    .filter((frame) => frame.trim() !== '');
}

/**
 * One server-sent event as providers frame them: `event: <name>` when given (Anthropic, the
 * Responses API), then `data: <json>` (or the text as is), then a blank line.
 */
export function sseFrame(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event === undefined ? '' : `event: ${event}\n`}data: ${payload}\n\n`;
}
