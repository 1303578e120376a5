#!/usr/bin/env node
// Drift check: regenerate every client from its spec, then fail if the generated files differ from
// what is committed (git diff --exit-code, untracked files included).
import { execFileSync } from "node:child_process";
import { generateVendor, listApis } from "./generate.mjs";

for (const api of await listApis()) {
  const count = await generateVendor(api);
  console.log(`drift: regenerated ${api.name} (${count} operations)`);
}
const paths = ["packages/*/src/generated"];
const status = execFileSync("git", ["status", "--porcelain", "--", ...paths], { encoding: "utf8" });
if (status.trim()) {
  console.error(`drift: generated files differ from the commit — run \`pnpm generate\` and commit:\n${status}`);
  execFileSync("git", ["--no-pager", "diff", "--stat", "--", ...paths], { stdio: "inherit" });
  process.exit(1);
}
console.log("drift: generated files match the specs");
