import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// the tests see the version the build stamps, so the plugin's metadata is checked as shipped
export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: { include: ['src/**/*.test.ts'], testTimeout: 20_000 },
});
