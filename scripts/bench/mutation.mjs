#!/usr/bin/env node
// Mutation score (Stryker, with the vitest runner; config: stryker.config.mjs at the repo root) of the
// hand-written sources: packages/runtime/src and each vendor package's src (not src/generated),
// each against its own package's test suite. Not a test gate and not part of scripts/test.sh.
//
//   pnpm mutation                                   every package, full run (about an hour for the runtime on 2 CPUs)
//   node scripts/bench/mutation.mjs --only runtime  some packages (comma-separated)
//   node scripts/bench/mutation.mjs --quick         the runtime's request checks only (validate.ts, url.ts, headers.ts, serialize.ts)
//   node scripts/bench/mutation.mjs --report        no run: the scores of the last reports (or the recorded ones)
//   node scripts/bench/mutation.mjs --record        no run: record the local reports in mutation-scores.json
//   node scripts/bench/mutation.mjs --baseline      the runtime against the test files git tracks only (report
//                                                   `runtime-baseline`): the score before the tests added since the last commit
//
// As a module of scripts/bench/run.mjs (`run(ctx)`) it does not start an hour-long run: it reports the
// last reports (node_modules/.cache/inboxkit-mutation/<package>.json, written by `pnpm mutation`), and
// runs the --quick scope when there is none. Score = (killed + timed out) / (all but ignored and
// compile errors), as Stryker computes it; "covered" leaves out the mutants no test reaches.
//
// The reports stay on the machine that made them (node_modules/.cache); their counts are also
// recorded, with the commit and time they were measured at, in scripts/bench/mutation-scores.json
// (committed), so that BENCHMARKS.md keeps a score measured elsewhere, saying where it comes from.
// A local report newer than the record wins. `--record` records the local reports without a run.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const OUT = join(root, "node_modules", ".cache", "inboxkit-mutation");
const STRYKER = join(root, "node_modules", ".bin", "stryker");
export const PACKAGES = ["runtime", "helpwise", "helpshift", "desk360", "nimchat", "wabbit"];
const QUICK = ["validate", "url", "headers", "serialize"].map((f) => `packages/runtime/src/${f}.ts`);

export const name = "mutation";

/** The runtime's test files git tracks (those of the last commit), relative to packages/runtime. */
function trackedRuntimeTests() {
  const out = spawnSync("git", ["ls-files", "packages/runtime/test"], { cwd: root, encoding: "utf8" });
  if (out.status !== 0) throw new Error(`git ls-files failed: ${out.stderr}`);
  return out.stdout.split("\n").filter((f) => f.endsWith(".test.ts")).map((f) => f.replace(/^packages\/runtime\//, ""));
}

/** Runs Stryker on one package (or the quick scope, or the baseline); returns the wall time in seconds. */
function stryker(pkg, { quick = false, baseline = false, log }) {
  const args = ["run", "stryker.config.mjs"];
  if (quick) args.push("--mutate", QUICK.join(","));
  const report = baseline ? `${pkg}-baseline` : quick ? `${pkg}-quick` : pkg;
  // Fewer property runs per mutant: a mutant the properties catch is caught in the first few dozen.
  const env = { ...process.env, STRYKER_PACKAGE: pkg, FC_RUNS: process.env.FC_RUNS ?? "150", STRYKER_REPORT: report };
  if (baseline) env.INBOXKIT_TEST_FILES = trackedRuntimeTests().join(",");
  log(`stryker: ${report} ...`);
  const started = Date.now();
  const result = spawnSync(STRYKER, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = (Date.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`stryker failed for ${pkg} (exit ${result.status}):\n${(result.stdout + result.stderr).split("\n").slice(-30).join("\n")}`);
  log(`stryker: ${report} done in ${Math.round(seconds)} s`);
  return seconds;
}

/** The counts of one Stryker JSON report (mutation-testing-report-schema), per file and in total. */
export function summarize(report) {
  const blank = () => ({ Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0 });
  const total = blank();
  const files = {};
  for (const [file, data] of Object.entries(report.files)) {
    const counts = (files[file] = blank());
    for (const m of data.mutants) {
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      total[m.status] = (total[m.status] ?? 0) + 1;
    }
  }
  return { total, files };
}

const RECORD = join(here, "mutation-scores.json");

/** The recorded summaries (scripts/bench/mutation-scores.json): id → { at, commit, total, files }. */
function readRecord() {
  return existsSync(RECORD) ? JSON.parse(readFileSync(RECORD, "utf8")) : {};
}

/** The commit the working tree is at, with `+` when the package or the runtime it runs on has changes (what a local report measured). */
function currentCommit(pkg) {
  const head = spawnSync("git", ["rev-parse", "--short=7", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const dirty = spawnSync("git", ["status", "--porcelain", "--", `packages/${pkg}`, "packages/runtime"], { cwd: root, encoding: "utf8" }).stdout.trim() !== "";
  return head ? `${head}${dirty ? "+" : ""}` : "unknown";
}

/** Records the local reports of `ids` (their counts, time and the current commit) in the committed summary. */
function record(ids) {
  const out = readRecord();
  for (const id of ids) {
    const found = readReport(id);
    if (!found) continue;
    const { total, files } = summarize(found.report);
    const rel = Object.fromEntries(Object.entries(files).map(([f, c]) => [relative(root, join(root, f)), c]));
    out[id] = { at: found.at.toISOString(), commit: currentCommit(id.replace(/-(quick|baseline)$/, "")), total, files: rel };
  }
  writeFileSync(RECORD, `${JSON.stringify(out, null, 2)}\n`);
}

/** The counts of `id`: the local report, or the recorded summary when it is newer or the only one. */
function scores(id) {
  const local = readReport(id);
  const recorded = readRecord()[id];
  if (local && (!recorded || local.at >= new Date(recorded.at))) {
    const { total, files } = summarize(local.report);
    const at = recorded && recorded.at === local.at.toISOString() ? ` at ${recorded.commit}` : "";
    return { total, files, note: `report of ${local.at.toISOString().slice(0, 16).replace("T", " ")} UTC${at}` };
  }
  if (recorded) return { total: recorded.total, files: recorded.files, note: `measured ${recorded.at.slice(0, 16).replace("T", " ")} UTC at ${recorded.commit} (recorded in scripts/bench/mutation-scores.json)` };
  return undefined;
}

const detected = (c) => c.Killed + c.Timeout;
const valid = (c) => detected(c) + c.Survived + c.NoCoverage;
const pct = (n, d) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)} %`);
export const score = (c) => (valid(c) === 0 ? NaN : (100 * detected(c)) / valid(c));

function readReport(id) {
  const file = join(OUT, `${id}.json`);
  if (!existsSync(file)) return undefined;
  return { report: JSON.parse(readFileSync(file, "utf8")), at: statSync(file).mtime, file };
}

function row(label, c, extra = "") {
  return `| ${label} | ${pct(detected(c), valid(c))} | ${pct(detected(c), detected(c) + c.Survived)} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${valid(c)} |${extra}`;
}

/** The markdown section for the reports found (`ids`), with timings when this run made them. */
export function markdown(ids, timings = {}) {
  const lines = [
    "## Mutation score",
    "",
    "Stryker 9 (vitest runner, `perTest` coverage) on the hand-written sources, each package against its own tests " +
      "(`pnpm mutation` = `node scripts/bench/mutation.mjs`; `--quick` = the runtime's request checks only). " +
      "Score = mutants killed or timed out / all valid mutants; \"covered\" leaves out the mutants no test reaches. Not a gate.",
    "",
    "| package | score | covered | killed | timed out | survived | no coverage | mutants |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  const notes = [];
  for (const id of ids) {
    const found = scores(id);
    if (!found) {
      lines.push(`| ${id} | not run | | | | | | |`);
      continue;
    }
    lines.push(row(id, found.total));
    notes.push(`${id}: ${found.note}${timings[id] ? `, ${Math.round(timings[id] / 60)} min` : ""}`);
  }
  const runtime = scores(ids.includes("runtime") ? "runtime" : "runtime-quick");
  if (runtime) {
    lines.push("", `Per file (${ids.includes("runtime") ? "runtime" : "runtime, quick scope"}):`, "", "| file | score | covered | killed | timed out | survived | no coverage | mutants |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const [file, c] of Object.entries(runtime.files).sort(([a], [b]) => a.localeCompare(b))) lines.push(row(`\`${relative(root, join(root, file)).replace(/^packages\/runtime\//, "")}\``, c));
  }
  if (notes.length) lines.push("", notes.join("; ") + ".");
  return lines.join("\n");
}

function parseArgs(argv) {
  const opts = { only: undefined, quick: false, report: false, baseline: false, record: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") continue;
    if (arg === "--only") opts.only = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (arg === "--quick") opts.quick = true;
    else if (arg === "--report") opts.report = true;
    else if (arg === "--baseline") opts.baseline = true;
    else if (arg === "--record") opts.record = true;
    else throw new Error(`unknown argument ${arg} (use --only a,b --quick --baseline --report --record)`);
  }
  const unknown = (opts.only ?? []).filter((p) => !PACKAGES.includes(p));
  if (unknown.length) throw new Error(`unknown package(s) ${unknown.join(", ")}; known: ${PACKAGES.join(", ")}`);
  return opts;
}

/** As a module of run.mjs: the last full reports, else the last quick one, else a quick run. */
export async function run(ctx) {
  const log = ctx?.log ?? console.log;
  const full = PACKAGES.filter((p) => scores(p));
  if (full.length) return { markdown: markdown(scores("runtime-quick") ? [...PACKAGES, "runtime-quick"] : PACKAGES), ok: true };
  if (scores("runtime-quick")) return { markdown: markdown(["runtime-quick"]), ok: true };
  const seconds = stryker("runtime", { quick: true, log });
  return { markdown: markdown(["runtime-quick"], { "runtime-quick": seconds }), ok: true };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = (line) => console.log(line);
  const ids = opts.baseline ? ["runtime-baseline"] : opts.quick ? ["runtime-quick"] : opts.only ?? PACKAGES;
  const timings = {};
  let failed = false;
  if (opts.record) record(ids);
  else if (!opts.report) {
    for (const id of ids) {
      const pkg = id.replace(/-(quick|baseline)$/, "");
      try {
        timings[id] = stryker(pkg, { quick: opts.quick, baseline: opts.baseline, log });
        // The baseline is a before/after comparison of one working tree, not a score to keep.
        if (!opts.baseline) record([id]);
      } catch (error) {
        failed = true;
        log(String(error.message ?? error));
      }
    }
  }
  console.log(`\n${markdown(ids, timings)}\n`);
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
