// The runtime's vitest config with a chosen set of test files (INBOXKIT_TEST_FILES, comma-separated,
// relative to packages/runtime): what `node scripts/bench/mutation.mjs --baseline` runs Stryker with,
// to measure the score of the tests that were there before (git's tracked files) on the current sources.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: (process.env.INBOXKIT_TEST_FILES ?? "test/**/*.test.ts").split(",").filter(Boolean),
    testTimeout: 10_000,
  },
});
