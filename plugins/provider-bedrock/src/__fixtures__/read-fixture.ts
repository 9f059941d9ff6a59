import { readFileSync } from 'node:fs';

/** Reads a JSON fixture of this folder. */
export function jsonFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;
}
