#!/usr/bin/env bash
# Every test, on a fresh clone with only Node >= 18 and npm: installs what it needs (dependencies,
# and Debian's chromium for the browser tests when missing), then lints the specs, checks generated
# code for drift, type-checks, unit + contract (Prism) + type tests, operation coverage, packaging
# (publint, attw, size, pack-and-install), Node 18/22/24, Bun, Deno and Chromium runs, docs rendered
# in Chromium, and versioning.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

# Keep a copy of everything for the closing summary line ("N passed, N failed").
LOG="$(mktemp -t inboxkit-test.XXXXXX)"
exec > >(tee "$LOG") 2>&1
TEE_PID=$!
summary() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then node scripts/test-summary.mjs "$LOG" --step-failed; else node scripts/test-summary.mjs "$LOG"; fi
  rm -f "$LOG"
  exec >&- 2>&-
  wait "$TEE_PID" 2>/dev/null || true
}
trap summary EXIT

step "install" pnpm install --frozen-lockfile
CHROMIUM_PATH="$(node scripts/ensure-chromium.mjs | tail -n 1)"
export CHROMIUM_PATH
echo "chromium: ${CHROMIUM_PATH}"
# Debian's redis-server for the budget store's tests (installed when missing, like chromium).
REDIS_SERVER_PATH="$(node scripts/ensure-redis.mjs | tail -n 1)"
export REDIS_SERVER_PATH
echo "redis-server: ${REDIS_SERVER_PATH}"
step "lint specs" pnpm exec redocly lint
step "drift check (generate, then compare with the commit)" pnpm run check:drift
step "build, typecheck, unit + contract + type tests, package checks" pnpm exec turbo run build typecheck test check:package --continue
step "operation coverage of the contract tests" pnpm run check:coverage
step "typecheck repository tests" pnpm exec tsc -p tsconfig.scripts.json
step "repository tests (docs in Chromium, pack and install, other runtimes, versioning, multipart proxy)" pnpm exec vitest run --config vitest.config.ts
echo
echo "test: all green in $((SECONDS))s"
