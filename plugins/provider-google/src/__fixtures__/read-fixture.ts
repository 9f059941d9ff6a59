import { readFileSync } from 'node:fs';

/** The text of a fixture file in this folder. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** A JSON fixture, parsed. */
export function readJsonFixture<T = unknown>(name: string): T {
  return JSON.parse(readFixture(name)) as T;
}

/** An `.sse` fixture split into its events, each with its `\r\n\r\n` terminator, as Gemini sends them. */
export function readSseFrames(name: string): string[] {
  return readFixture(name)
    .split('\r\n\r\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => `${frame}\r\n\r\n`);
}
