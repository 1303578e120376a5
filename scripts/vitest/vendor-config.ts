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
      typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.test.json" },
      testTimeout: 20_000,
      hookTimeout: 60_000,
    },
  });
}
