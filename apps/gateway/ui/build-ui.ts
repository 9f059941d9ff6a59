import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const UI_ROOT = fileURLToPath(new URL('.', import.meta.url));
/** Where the gateway serves the dashboard from (`src/dashboard/ui-assets.ts` reads it). */
export const UI_OUT_DIR = fileURLToPath(new URL('../dist/ui/', import.meta.url));

/** Sizes of the built dashboard, in bytes. */
export interface UiBuildReport {
  /** Every file the first page loads (index.html, the entry script and stylesheet), gzipped. */
  readonly firstPageGzipBytes: number;
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly gzipBytes: number }[];
}

/**
 * Builds the dashboard (Preact + uPlot, bundled by Vite) into `dist/ui`, with hashed asset names
 * and no external URL: the gateway serves every byte itself. The Vite configuration is inline
 * here so the build is one function the package's `build` script and the tests' global setup
 * share.
 */
export async function buildDashboardUi(options: { readonly quiet?: boolean } = {}): Promise<UiBuildReport> {
  await build({
    root: UI_ROOT,
    base: '/ui/',
    configFile: false,
    logLevel: options.quiet === true ? 'warn' : 'info',
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: {
      outDir: UI_OUT_DIR,
      emptyOutDir: true,
      target: 'es2022',
      // one small bundle: every page is in the first load, no lazy chunk to fetch mid-session
      modulePreload: false,
      reportCompressedSize: false,
      sourcemap: false,
    },
  });
  const files = readdirSync(join(UI_OUT_DIR, 'assets'))
    .map((name) => `assets/${name}`)
    .concat('index.html')
    .map((name) => {
      const body = readFileSync(join(UI_OUT_DIR, name));
      return { name, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    });
  return { firstPageGzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0), files };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await buildDashboardUi();
  for (const file of report.files) console.log(`${file.name}: ${file.bytes} B, ${file.gzipBytes} B gzipped`);
  console.log(`dashboard first page: ${(report.firstPageGzipBytes / 1024).toFixed(1)} KiB gzipped`);
}
