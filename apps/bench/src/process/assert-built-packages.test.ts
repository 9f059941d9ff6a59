import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertBuiltPackages } from './assert-built-packages.js';

describe('assertBuiltPackages', () => {
  const root = mkdtempSync(join(tmpdir(), 'bench-built-'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.js'), '');

  it('accepts packages that resolve to existing dist files', () => {
    expect(() => assertBuiltPackages(() => pathToFileURL(join(root, 'dist', 'index.js')).href)).not.toThrow();
  });

  it('names the package that resolves to its sources', () => {
    expect(() => assertBuiltPackages(() => pathToFileURL(join(root, 'src', 'index.ts')).href)).toThrow(
      /@hub\/core resolves to .*src\/index\.ts, not to its dist/,
    );
  });

  it('names the package whose dist file is missing', () => {
    expect(() => assertBuiltPackages(() => pathToFileURL(join(root, 'dist', 'missing.js')).href)).toThrow(
      /@hub\/core is not built/,
    );
  });
});
