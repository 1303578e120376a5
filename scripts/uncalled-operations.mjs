#!/usr/bin/env node
// Lists the spec operations that no contract test called. The contract tests record what they call
// in packages/<vendor>/coverage/operations-called.json; run them first. Exits 1 if any is uncalled.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { listApis } from "./generate.mjs";

const root = new URL("..", import.meta.url).pathname;
let uncalledTotal = 0;
let documented = 0;
for (const { name, spec } of await listApis()) {
  const doc = parse(readFileSync(join(root, spec), "utf8"));
  const ids = [];
  for (const item of Object.values(doc.paths ?? {})) for (const op of Object.values(item)) if (op?.operationId) ids.push(op.operationId);
  documented += ids.length;
  const file = join(root, "packages", name, "coverage", "operations-called.json");
  const called = new Set(existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : []);
  const uncalled = ids.filter((id) => !called.has(id)).sort();
  uncalledTotal += uncalled.length;
  const status = existsSync(file) ? `${ids.length - uncalled.length}/${ids.length} called` : "no record (contract tests not run?)";
  console.log(`${name}: ${status}${uncalled.length ? `; uncalled: ${uncalled.join(", ")}` : ""}`);
}
console.log(`operations called by contract tests: ${documented - uncalledTotal}/${documented}`);
process.exit(uncalledTotal === 0 ? 0 : 1);
