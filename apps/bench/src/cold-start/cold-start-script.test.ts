import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COLD_START_SUBJECTS, coldStartScript } from './cold-start-script.js';

const APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('coldStartScript', () => {
  it('creates a client for every subject and prints its load time as one JSON line', () => {
    // run from the app, as the bench does, so the libraries resolve; the hub ones need a build
    for (const subject of COLD_START_SUBJECTS.filter((name) => !name.startsWith('hub-'))) {
      const output = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', coldStartScript(subject, 'http://127.0.0.1:9')],
        { cwd: APP_ROOT, encoding: 'utf8' },
      );
      const line = JSON.parse(output.trim()) as { loadMs: number; sinceProcessStartMs: number };
      expect(line.loadMs).toBeGreaterThan(0);
      expect(line.sinceProcessStartMs).toBeGreaterThanOrEqual(line.loadMs);
    }
  });

  it('embeds the origin as a string literal, not as code', () => {
    const script = coldStartScript('openai-sdk', "http://x'); process.exit(1); ('");
    expect(script).toContain(`const origin = "http://x'); process.exit(1); ('";`);
  });
});
