// The store's tests start their own redis-server (Debian's, installed by scripts/ensure-redis.mjs when
// missing) on a free port, and run against the sources of this package and of @inboxkit/runtime.
// Files run one after another: several of them time requests across worker processes.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@inboxkit/runtime": fileURLToPath(new URL("../runtime/src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
