// @inboxkit/mock is a Node tool (it spawns Prism): platform node, unlike the client packages. The
// library entry is dual ESM + CJS with types; the CLI is one ESM file with a shebang. The shared mock
// code (scripts/vitest/mock-server.mjs and what it imports) is bundled in, so the package needs nothing
// from the repo; its dependencies (Prism, yaml) stay external.
import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: false,
    sourcemap: true,
    target: "node18",
    platform: "node",
    shims: true,
  },
  {
    entry: ["src/cli.ts"],
    format: ["esm"],
    dts: false,
    sourcemap: true,
    target: "node18",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
