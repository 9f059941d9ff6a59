import { readFileSync } from 'node:fs';

/**
 * Reads a wire fixture from this folder. Fixtures are shaped like the examples in Anthropic's
 * Messages API documentation (responses, SSE streams, error bodies, the model list).
 */
export function readFixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** A JSON fixture, parsed. */
export function jsonFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFixture(name)) as T;
}

/**
 * An SSE fixture split into its events, each keeping its `event:` / `data:` lines and the blank
 * line that ends it, so a scripted server can send them one write at a time.
 */
export function sseFrames(name: string): string[] {
  return readFixture(name)
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => `${frame}\n\n`);
}
