// Fails when a packed package's README links or embeds a relative path: npm renders READMEs
// outside the repository, where `../../README.md` and `./docs/x.png` lead nowhere.
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';

let broken = 0;
for (const tarball of process.argv.slice(2)) {
  let readme;
  try {
    readme = execFileSync('tar', ['-xOzf', tarball, 'package/README.md'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch {
    console.error(`${basename(tarball)}: no README.md`);
    broken++;
    continue;
  }
  // [text](target) and ![alt](target) whose target is neither a URL, an anchor nor mail
  for (const match of readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)) {
    const target = match[1];
    if (/^(https?:|#|mailto:)/.test(target)) continue;
    console.error(`${basename(tarball)}: README links to ${target}, which does not resolve on npm`);
    broken++;
  }
}
if (broken > 0) process.exit(1);
console.log(`README links: ok (${process.argv.length - 2} packages)`);
