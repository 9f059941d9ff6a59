// Rewrites a copied-out template's package.json the way a stranger would have it before the
// packages are on npm: every @hub/* range becomes its packed tarball (the ones its @hub
// dependencies need too, so npm never asks the registry for an unpublished package), and the
// peer range loses pnpm's `workspace:` prefix, as `pnpm publish` does.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [templateDir, tarballDir] = process.argv.slice(2);
const tarballs = new Map();
for (const file of readdirSync(tarballDir).filter((name) => name.endsWith('.tgz'))) {
  const path = join(tarballDir, file);
  const manifest = JSON.parse(
    execFileSync('tar', ['-xOzf', path, 'package/package.json'], { encoding: 'utf8' }),
  );
  tarballs.set(manifest.name, { path, manifest });
}
const manifestPath = join(templateDir, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const needed = new Set();
const visit = (name) => {
  if (needed.has(name) || !tarballs.has(name)) return;
  needed.add(name);
  const { dependencies = {}, peerDependencies = {} } = tarballs.get(name).manifest;
  for (const dependency of [...Object.keys(dependencies), ...Object.keys(peerDependencies)])
    visit(dependency);
};
for (const field of ['dependencies', 'devDependencies']) {
  for (const name of Object.keys(manifest[field] ?? {})) {
    if (!name.startsWith('@hub/')) continue;
    manifest[field][name] = `file:${tarballs.get(name).path}`;
    visit(name);
  }
}
for (const name of needed) {
  const listed = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
  if (listed === undefined) manifest.devDependencies[name] = `file:${tarballs.get(name).path}`;
}
for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
  manifest.peerDependencies[name] = range.replace(/^workspace:/, '');
}
delete manifest.private;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`template depends on ${[...needed].sort().join(', ')} from the tarballs`);
