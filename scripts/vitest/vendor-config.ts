// Shared vitest config of the vendor packages: tests run against the sources of the package and of
// @inboxkit/runtime, with a Prism mock of the vendor's spec started once per run.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export function vendorConfig() {
  return defineConfig({
    resolve: {
      alias: { "@inboxkit/runtime": fileURLToPath(new URL("../../packages/runtime/src/index.ts", import.meta.url)) },
    },
    test: {
      globalSetup: [fileURLToPath(new URL("./prism-setup.ts", import.meta.url))],
      include: ["test/**/*.test.ts"],
      // Not under Stryker (stryker.config.mjs sets INBOXKIT_MUTATION): type tests cannot kill a
      // run-time mutant, and the sandbox runs from the repository root, where the tsconfig path fails.
      typecheck: { enabled: process.env.INBOXKIT_MUTATION !== "1", include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.test.json" },
      testTimeout: 20_000,
      hookTimeout: 60_000,
    },
  });
}
