import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The installed version of a dependency of this app, for the results header. Reads its
 * `package.json` directly, or — when its exports map hides that file (`openai`) — walks up from
 * its resolved entry point.
 *
 * @param name - Package name.
 * @returns The version, or `not installed`.
 */
export function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    // exports map without ./package.json: find it next to the entry point
  }
  try {
    let directory = dirname(require.resolve(name));
    for (let depth = 0; depth < 6; depth++) {
      try {
        const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        if (manifest.name === name && manifest.version !== undefined) return manifest.version;
      } catch {
        // no package.json at this level
      }
      directory = dirname(directory);
    }
  } catch {
    // not resolvable at all
  }
  return 'not installed';
}
