#!/usr/bin/env node
// `pnpm bench`: runs every benchmark module below, writes BENCHMARKS.md at the repo root
// (regenerated on each full run) and prints it. Not part of the tests.
//
//   node scripts/bench/run.mjs                    all modules, writes BENCHMARKS.md
//   node scripts/bench/run.mjs --only bundle      some modules (comma-separated names); prints only,
//                                                 unless --write is given
//   node scripts/bench/run.mjs --rounds 5         fewer rounds for the modules that take it (a quick look)
//
// Needs every package built: `npx pnpm@10.34.9 run build` (the bundle module measures each vendor's
// dist, the distributed-budget module @inboxkit/budget-redis's).
//
// Adding a benchmark: write scripts/bench/<name>.mjs exporting `name` and
// `async run(ctx) => ({ markdown, ok, nodes? })` (or just a markdown string), where `markdown` is one
// section starting with a `## ` heading, `ok` is false when part of it could not be measured, and
// `nodes` lists node versions it ran on. ctx = { root, log(line), rounds? }. Then add it to MODULES.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

/** The benchmark modules, in report order. */
const MODULES = [
  { name: "overhead", load: () => import("./overhead.mjs") },
  { name: "bundle", load: () => import("./bundle.mjs") },
  { name: "budget", load: () => import("./budget.mjs") },
  { name: "distributed-budget", load: () => import("./distributed-budget.mjs") },
  { name: "typecheck", load: () => import("./typecheck.mjs") },
  // Reports the last `pnpm mutation` reports (an hour-long run is never started from here).
  { name: "mutation", load: () => import("./mutation.mjs") },
];

function parseArgs(argv) {
  const opts = { only: undefined, rounds: undefined, write: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") continue; // `pnpm bench -- --only bundle`
    if (arg === "--only") opts.only = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (arg === "--rounds") opts.rounds = Number(argv[++i]);
    else if (arg === "--write") opts.write = true;
    else throw new Error(`unknown argument ${arg} (use --only a,b --rounds n --write)`);
  }
  if (opts.rounds !== undefined && !(opts.rounds >= 1)) throw new Error("--rounds needs a number >= 1");
  if (opts.only) {
    const unknown = opts.only.filter((n) => !MODULES.some((m) => m.name === n));
    if (unknown.length) throw new Error(`unknown module(s) ${unknown.join(", ")}; known: ${MODULES.map((m) => m.name).join(", ")}`);
  }
  opts.write ??= !opts.only && opts.rounds === undefined;
  return opts;
}

function machine() {
  let nproc;
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    nproc = String(os.availableParallelism?.() ?? os.cpus().length);
  }
  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown";
  return {
    nproc,
    cpu,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(0),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

const loadavg = () => os.loadavg().map((n) => n.toFixed(2)).join(" / ");

/** Newest mtime under a folder (files only). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

/** Fails without the built packages; warns when a dist is older than its sources. */
function checkBuilds(log) {
  const warnings = [];
  for (const pkg of ["runtime", "helpwise", "helpshift", "desk360", "nimchat", "wabbit", "budget-redis"]) {
    const dist = join(root, "packages", pkg, "dist", "index.js");
    if (!existsSync(dist)) {
      throw new Error(`packages/${pkg}/dist/index.js is missing: build every package first (npx pnpm@10.34.9 run build)`);
    }
    if (newest(join(root, "packages", pkg, "src")) > statSync(dist).mtimeMs) {
      const w = `packages/${pkg}/dist is older than its src/: the figures are for the last build, not the current sources`;
      warnings.push(w);
      log(`WARNING: ${w}`);
    }
  }
  return warnings;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = (line) => console.log(line);
  const started = Date.now();
  const date = new Date();
  const host = machine();
  const loadBefore = loadavg();
  const warnings = checkBuilds(log);
  log(`InboxKit benchmarks: ${host.nproc} CPUs (${host.cpu}), Node ${process.version}, load ${loadBefore}`);

  const selected = MODULES.filter((m) => !opts.only || opts.only.includes(m.name));
  const sections = [];
  const nodes = new Set([process.version]);
  let ok = true;
  for (const m of selected) {
    log(`\n=== ${m.name} ===`);
    const t0 = Date.now();
    try {
      const mod = await m.load();
      const out = await mod.run({ root, log, rounds: opts.rounds });
      const result = typeof out === "string" ? { markdown: out, ok: true } : out;
      sections.push(result.markdown.trim());
      for (const n of result.nodes ?? []) nodes.add(n);
      if (result.ok === false) ok = false;
      log(`=== ${m.name} done in ${((Date.now() - t0) / 1000).toFixed(0)} s ===`);
    } catch (error) {
      ok = false;
      log(`=== ${m.name} FAILED: ${error.stack ?? error} ===`);
      sections.push(`## ${m.name}\n\n**Failed:** ${String(error.message ?? error).split("\n")[0]}`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const loadAfter = loadavg();

  const doc = [
    "# Benchmarks",
    "",
    "<!-- Generated by scripts/bench/run.mjs (`pnpm bench`). Do not edit by hand: re-run it. -->",
    "",
    `Run on ${date.toISOString().slice(0, 10)} (${date.toISOString()}), on ${host.nproc} CPUs (\`nproc\`), ${host.cpu}, ${host.memGiB} GiB, ${host.os}; ` +
      `Node ${[...nodes].join(", ")}. Load average (1/5/15 min) ${loadBefore} at the start, ${loadAfter} at the end: ` +
      "the machine may be shared, so compare the ratios (measured side by side in the same rounds) rather than absolute ops/s across runs. " +
      `Total time ${seconds.toFixed(0)} s.`,
    "",
    ...(warnings.length ? [...warnings.map((w) => `**Warning:** ${w}.`), ""] : []),
    "How to run: build the packages (`pnpm build`), " +
      "then `pnpm bench` (= `node scripts/bench/run.mjs`; Node 24 is fetched with `npx -y node@24`). " +
      "One part alone: `node scripts/bench/overhead.mjs [--mode stub|loopback] [--rounds N]` (on any node, e.g. `npx -y node@24 scripts/bench/overhead.mjs`), " +
      "`node scripts/bench/bundle.mjs`; where a call's time goes: `node scripts/bench/profile.mjs [inboxkit|openapi|raw|axios]` (CPU profile of the stubbed loop). " +
      "These are benchmarks, not tests: nothing here fails on a slow result.",
    "",
    ...sections.flatMap((s) => [s, ""]),
  ].join("\n");

  if (opts.write) {
    await writeFile(join(root, "BENCHMARKS.md"), doc);
    log(`\nwrote BENCHMARKS.md (${seconds.toFixed(0)} s)\n`);
  } else {
    log(`\n(partial run: BENCHMARKS.md not written; pass --write to write it anyway)\n`);
  }
  console.log(doc);
  if (!ok) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
