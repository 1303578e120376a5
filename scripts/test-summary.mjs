#!/usr/bin/env node
// Adds up the vitest result lines of a test log (scripts/test.sh tees its output to one) and prints
// one plain closing line: "N passed, N failed" (", N skipped" when any were skipped).
import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8").replace(/\x1b\[[0-9;]*m/g, "");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const line of text.split("\n")) {
  const m = /^(?:\S+:\s+)?\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!m) continue;
  for (const [, n, kind] of m[1].matchAll(/(\d+) (passed|failed|skipped)/g)) {
    if (kind === "passed") passed += Number(n);
    else if (kind === "failed") failed += Number(n);
    else skipped += Number(n);
  }
}
const extra = process.argv[3] === "--step-failed" && failed === 0 ? 1 : 0;
console.log(`tests: ${passed} passed, ${failed + extra} failed${skipped ? `, ${skipped} skipped` : ""}`);
