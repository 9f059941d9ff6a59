import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// set by the build, which bundles every module into dist/ beside ui/; the sources (tests, tsx)
// sit two levels below dist/
declare const __GATEWAY_UI_DIR__: string | undefined;
const UI_DIR_FROM_MODULE = typeof __GATEWAY_UI_DIR__ === 'string' ? __GATEWAY_UI_DIR__ : '../../dist/ui/';

/** Where the build (`pnpm --filter @hub/gateway build`) writes the dashboard's static files. */
export const UI_ASSETS_DIR = fileURLToPath(new URL(UI_DIR_FROM_MODULE, import.meta.url));

// the built dashboard is a handful of files; anything beyond this is not ours to serve
const MAX_ASSET_FILES = 64;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** One static file of the dashboard, held in memory with its gzip form. */
export interface UiAsset {
  readonly body: Buffer;
  /** Present when gzip makes it smaller. */
  readonly gzip: Buffer | undefined;
  readonly contentType: string;
  /** File names with a content hash (`assets/…`) never change: cached for a year. */
  readonly immutable: boolean;
}

/**
 * Reads the built dashboard into memory once, at start-up (a few files, ~100 KB): served
 * from a fixed map, so no request path ever reaches the file system. Keys are paths relative
 * to `/ui/` (`index.html`, `assets/index-3f2a.js`). Empty when the UI was not built.
 */
export function loadUiAssets(directory: string = UI_ASSETS_DIR): ReadonlyMap<string, UiAsset> {
  const assets = new Map<string, UiAsset>();
  if (!existsSync(directory)) return assets;
  const pending = [directory];
  while (pending.length > 0 && assets.size < MAX_ASSET_FILES) {
    const current = pending.pop() as string;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) {
        pending.push(path);
        continue;
      }
      const contentType = TYPES[extname(name)];
      if (contentType === undefined || assets.size >= MAX_ASSET_FILES) continue;
      const key = relative(directory, path).split(sep).join('/');
      const body = readFileSync(path);
      const compressed = gzipSync(body, { level: 9 });
      assets.set(key, {
        body,
        gzip: compressed.length < body.length ? compressed : undefined,
        contentType,
        immutable: key.startsWith('assets/'),
      });
    }
  }
  return assets;
}
