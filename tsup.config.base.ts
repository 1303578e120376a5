// The one build config of every package (run from the package directory): ESM + CJS + types from
// src/index.ts, for any runtime (platform neutral: no Node built-ins are assumed).
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
});
