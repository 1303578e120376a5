#!/usr/bin/env node
// CPU profile of one overhead variant in stub mode: where the time of a call goes.
//   node scripts/bench/profile.mjs [inboxkit|openapi|raw|axios] [--calls 60000] [--top 25] [--save file.cpuprofile]
// Runs the variant's stubbed loop (after a warm-up) under the V8 sampling profiler (node:inspector)
// and prints the functions with the most self time, then the totals per file/package. The saved
// .cpuprofile opens in Chrome DevTools or speedscope. Not part of `pnpm bench`.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { VARIANTS, createStubFetch, createVariants } from "./overhead.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function parseArgs(argv) {
  const opts = { variant: "inboxkit", calls: 60_000, top: 25, save: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--calls") opts.calls = Number(argv[++i]);
    else if (arg === "--top") opts.top = Number(argv[++i]);
    else if (arg === "--save") opts.save = argv[++i];
    else if (VARIANTS.some((v) => v.key === arg)) opts.variant = arg;
    else throw new Error(`unknown argument ${arg}; variants: ${VARIANTS.map((v) => v.key).join(", ")}`);
  }
  return opts;
}

function where(url) {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return url;
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  const pnpm = path.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pnpm) return pnpm[1];
  return relative(root, path);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const stub = createStubFetch();
  const variants = await createVariants({ baseUrl: "https://helpwise.bench.invalid", fetchImpl: stub, axiosConfig: { adapter: "fetch", env: { fetch: stub } } });
  const call = variants[opts.variant];
  for (let i = 0; i < 5000; i++) await call(); // warm-up
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
  await session.post("Profiler.start");
  const t0 = performance.now();
  for (let i = 0; i < opts.calls; i++) await call();
  const ms = performance.now() - t0;
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  if (opts.save) await writeFile(opts.save, JSON.stringify(profile));

  // self time per node = samples hitting it × average interval
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const byFn = new Map();
  const byFile = new Map();
  for (const node of profile.nodes) {
    const n = counts.get(node.id) ?? 0;
    if (!n) continue;
    const f = node.callFrame;
    const file = where(f.url);
    const key = `${f.functionName || "(anonymous)"}  ${file}${f.url ? `:${f.lineNumber + 1}` : ""}`;
    byFn.set(key, (byFn.get(key) ?? 0) + n);
    byFile.set(file, (byFile.get(file) ?? 0) + n);
  }
  const usPerCall = (ms * 1000) / opts.calls;
  const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)}%  ${((usPerCall * n) / total).toFixed(2).padStart(6)} µs/call`;
  console.log(`${opts.variant}, stubbed fetch, ${process.version}: ${opts.calls} calls in ${ms.toFixed(0)} ms = ${usPerCall.toFixed(1)} µs/call (profiler on), ${total} samples\n`);
  console.log(`top ${opts.top} functions by self time:`);
  for (const [k, n] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, opts.top)) console.log(`  ${pct(n)}  ${k}`);
  console.log(`\nself time by file / package:`);
  for (const [k, n] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(n)}  ${k}`);
  if (opts.save) console.log(`\nsaved ${opts.save}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
