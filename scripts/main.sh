#!/usr/bin/env bash
# The main job, on a fresh clone with only Node >= 18 and npm: install, lint every spec, generate,
# build every package, build the docs site, then make live typed calls against Prism mocks.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

step "install" pnpm install --frozen-lockfile
step "lint specs" pnpm exec redocly lint
step "generate" pnpm exec turbo run generate
step "build" pnpm exec turbo run build
step "docs" pnpm run docs
step "live calls against Prism" pnpm run demo
echo
echo "main: done in $((SECONDS))s — docs in docs-site/index.html"
