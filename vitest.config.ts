// Vitest config of the repo-level tests (scripts/test/): builds, docs site, tooling checks.
// The vendor packages have their own configs (packages/*/vitest.config.ts).
// Run: ./node_modules/.bin/vitest run --config vitest.config.ts [file...]
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["scripts/test/**/*.test.ts"],
    environment: "node",
    // Browser and build tests: slow operations (a docs build, a Chromium install) happen in hooks.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two files at a time: the slow ones wait on other processes (Chromium for the docs, tsc and npm
    // for the pack test), so two of them share the two cores of the CI machine well.
    maxWorkers: 2,
  },
});
