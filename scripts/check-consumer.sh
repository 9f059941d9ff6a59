#!/usr/bin/env bash
# What a stranger gets from the packages, checked outside the monorepo:
# 1. build and pack every publishable package (pnpm -r pack, so workspace: ranges are rewritten
#    as on publish) into a scratch directory (mktemp -d, removed on exit);
# 2. publint --strict, `attw --profile esm-only` and relative README links on every tarball;
# 3. a scratch npm project installs all the tarballs: the metrics collectors and Bedrock's default
#    credential chain without their optional peers, require() of ESM, then a strict NodeNext
#    TypeScript file typechecked and run against a local OpenAI-format upstream (complete,
#    stream, tool call, cache), and the hub-gateway bin answering from its embedded default, also
#    after `npm install -g` of the gateway's tarball alone;
# 4. the sample third-party plugin (apps/examples/third-party-provider) copied out, installed
#    against the tarballs, typechecked, built, and its contract suite run.
# Fails on the first error. Usage: scripts/check-consumer.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
pnpm() { if command -v pnpm >/dev/null 2>&1; then command pnpm "$@"; else npx --yes pnpm@10 "$@"; fi; }
npm_quiet=(--no-audit --no-fund --prefer-offline --loglevel=error)

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
tarballs="$scratch/tarballs"
mkdir -p "$tarballs"
started=$SECONDS

publishable=(--filter './packages/*' --filter './plugins/*' --filter @hub/gateway)
echo "::: consumer check: build and pack"
pnpm exec turbo run build --filter='./packages/*' --filter='./plugins/*' --filter=@hub/gateway \
  --output-logs=errors-only
pnpm -r "${publishable[@]}" pack --pack-destination "$tarballs" >/dev/null
echo "::: $(ls "$tarballs" | wc -l) tarballs"

echo "::: publint and attw on every tarball (attw in the background, two at a time)"
for tarball in "$tarballs"/*.tgz; do
  "$repo/node_modules/.bin/publint" "$tarball" --strict | grep -v -e '^Running' -e '^Unpacking' -e '^Linting' -e '^All good' || true
done
# publint exits non-zero on any finding; the pipeline above kept only its findings' text
for tarball in "$tarballs"/*.tgz; do "$repo/node_modules/.bin/publint" "$tarball" --strict >/dev/null; done
node "$repo/scripts/consumer/readme-links.mjs" "$tarballs"/*.tgz
attw_log="$scratch/attw.log"
(
  for tarball in "$tarballs"/*.tgz; do
    if tar -xOzf "$tarball" package/package.json | grep -q '"exports"'; then
      echo "$tarball"
    else
      # a program, not a library: no exports map, no types to check (@hub/gateway)
      echo "    $(basename "$tarball"): no exports (a bin-only package), attw skipped" >&2
    fi
  done | xargs -P 2 -I{} "$repo/node_modules/.bin/attw" {} --profile esm-only --quiet
) >"$attw_log" 2>&1 &
attw_pid=$!

echo "::: a minimal npm project: optional peers left out, require() of ESM"
minimal="$scratch/minimal"
mkdir -p "$minimal"
cp "$repo/scripts/consumer/optional-peers.mjs" "$minimal/"
(
  cd "$minimal"
  printf '{ "name": "hub-optional-peers-check", "private": true, "type": "module" }\n' >package.json
  npm install "${npm_quiet[@]}" "$tarballs"/hub-core-*.tgz "$tarballs"/hub-provider-utils-*.tgz \
    "$tarballs"/hub-middleware-metrics-*.tgz "$tarballs"/hub-provider-bedrock-*.tgz
  node optional-peers.mjs
)

echo "::: a scratch npm project installs every tarball"
app="$scratch/app"
mkdir -p "$app"
cp "$repo/scripts/consumer/consumer.ts" "$repo/scripts/consumer/tsconfig.json" \
  "$repo/scripts/consumer/gateway-bin.mjs" "$app/"
(
  cd "$app"
  printf '{ "name": "hub-consumer-check", "private": true, "type": "module" }\n' >package.json
  npm install "${npm_quiet[@]}" "$tarballs"/*.tgz prom-client@^15.1.3 typescript@~5.9.3 @types/node@^20.19.0
  npx tsc -p tsconfig.json
  node out/consumer.js
  node gateway-bin.mjs "$app/node_modules/.bin/hub-gateway"
)

echo "::: npm install -g of the gateway's tarball alone (its @hub packages are bundled)"
global="$scratch/global"
npm install -g --prefix "$global" "${npm_quiet[@]}" "$tarballs"/hub-gateway-*.tgz
node "$repo/scripts/consumer/gateway-bin.mjs" "$global/bin/hub-gateway"

echo "::: the sample third-party plugin, copied out"
template="$scratch/hub-provider-acme"
mkdir -p "$template"
(cd "$repo/apps/examples/third-party-provider" && tar --exclude=node_modules --exclude=dist -cf - .) |
  (cd "$template" && tar -xf -)
node "$repo/scripts/consumer/prepare-template.mjs" "$template" "$tarballs"
(
  cd "$template"
  npm install "${npm_quiet[@]}"
  npm run --silent typecheck
  npm run --silent build
  npx vitest run --reporter=dot
)
echo "::: attw"
if ! wait "$attw_pid"; then
  cat "$attw_log"
  exit 1
fi
grep -v '^$' "$attw_log" || true
echo "::: consumer check passed in $((SECONDS - started)) s"
