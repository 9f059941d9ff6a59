#!/usr/bin/env bash
# Runs the README's test line while every core is saturated by busy loops, to prove no test's
# verdict depends on how busy the machine is. Usage: scripts/test-under-load.sh [runs=1]
# The load starts before the install and stops when the script exits, whatever the outcome.
# Every run really runs every test: turbo's cache is bypassed (TURBO_FORCE), or runs after the
# first would only replay its logs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1}"
cores="$(node -p 'require("node:os").availableParallelism()')"
pids=()
stop_load() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_load EXIT
for _ in $(seq "$cores"); do
  node -e 'for (;;) {}' &
  pids+=("$!")
done
echo "::: ${#pids[@]} busy loops running (one per core)"
for run in $(seq "$runs"); do
  echo "::: run $run of $runs"
  npx --yes pnpm@10 install --frozen-lockfile
  TURBO_FORCE=true npx --yes pnpm@10 test
done
echo "::: $runs of $runs runs passed under load"
