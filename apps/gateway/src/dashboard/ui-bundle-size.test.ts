import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadUiAssets } from './ui-assets.js';

/** The budget of the first page load, gzipped (the bound). */
const FIRST_PAGE_BUDGET_BYTES = 150 * 1024;

describe('the built dashboard', () => {
  it('loads its first page in at most 150 KB gzipped, every file from the gateway', () => {
    const assets = loadUiAssets();
    const index = assets.get('index.html');
    expect(index, 'the global setup builds the UI').toBeDefined();
    const html = index?.body.toString('utf8') ?? '';
    const referenced = [...html.matchAll(/(?:src|href)="\/ui\/([^"]+)"/g)].map((match) => match[1] as string);
    expect(referenced.some((name) => name.endsWith('.js'))).toBe(true);
    expect(referenced.some((name) => name.endsWith('.css'))).toBe(true);
    // nothing else is fetched: no http(s) URL anywhere in the page or its bundle
    let total = gzipSync(index?.body ?? Buffer.alloc(0)).length;
    for (const name of referenced) {
      const asset = assets.get(name);
      expect(asset, name).toBeDefined();
      expect(asset?.body.toString('utf8')).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)[a-z]/i);
      total += gzipSync(asset?.body ?? Buffer.alloc(0)).length;
    }
    expect(total).toBeLessThanOrEqual(FIRST_PAGE_BUDGET_BYTES);
  });
});
