#!/usr/bin/env node
// Packaging quality gate of one publishable workspace package. Run it from the package directory:
//
//   cd packages/<pkg> && node ../../scripts/check-package.mjs      (the package's `check:package` script)
//
// (an explicit package directory may be passed as the first argument instead). Build the package, and
// the workspace packages it depends on, first (tsup). It checks, in order:
//   1. publint, strict: any error, warning or suggestion fails (the package is packed with pnpm, as when
//      publishing, so `files` and the `workspace:` rewrite are what gets linted);
//   2. @arethetypeswrong/cli `attw --pack . --profile strict`: the types must resolve, and match the JS,
//      in every resolution mode a dual ESM+CJS package serves (node10, node16 from CJS, node16 from ESM,
//      bundler); any problem fails;
//   3. the size budgets: the package's ESM entry (exports["."].import) bundled with esbuild (ESM, minified,
//      platform neutral, every dependency included, so openapi-fetch too) and gzipped (node:zlib, level 9)
//      must not exceed `"inboxkit": {"sizeBudgetGzip": <bytes>}` of its package.json. The budget may also be
//      a map, one budget per bundle:
//        { ".": 26600, "./core": 16400, "./funcs": 25000, "./core#createAcmeCore + ./funcs#itemsList": 16500 }
//      A key that is an export subpath bundles that entry whole (every export kept); a key of
//      `<subpath>#<export>` parts joined by ` + ` bundles a tiny synthetic entry that imports just those
//      exports (what an application that uses only them gets after tree shaking: "core + one function").
//      With a map, every export subpath with an ESM entry needs a budget. The dependencies are also bundled
//      alone the same way, for the table.
//      A Node-only package (a tool, not a client: `"inboxkit": {"platform": "node"}`, @inboxkit/mock) is
//      bundled for platform node instead (Node built-ins stay external), and a dependency its entry does
//      not import (a CLI it spawns, such as Prism) is listed but not bundled.
// Exits 1 when any check fails.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "node_modules", ".bin");
const pkgDir = resolve(process.argv[2] ?? process.cwd());
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");

/** @type {{name: string, ok: boolean, detail: string}[]} */
const results = [];
const record = (name, ok, detail) => {
  results.push({ name, ok, detail });
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${detail ? `: ${detail}` : ""}`);
};

/** Runs a command, streaming its output with a prefix, and resolves with its exit code and output. */
function run(cmd, args, { cwd, env, prefix }) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split("\n")) if (line.trim() !== "" && !/Unknown (user|env) config/.test(line)) console.log(`  ${prefix} | ${line}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (err) => done({ code: -1, output: `${output}\n${err.message}` }));
    child.on("close", (code) => done({ code: code ?? -1, output: stripAnsi(output) }));
  });
}

/** True when `name` is an executable on PATH. */
function onPath(name) {
  return (process.env.PATH ?? "").split(":").some((d) => d && existsSync(join(d, name)));
}

/**
 * publint packs with the package manager of the repo (pnpm); when no `pnpm` is installed, a shim on PATH
 * runs the exact version of the root's `packageManager` field through npx.
 */
function pnpmShim() {
  if (onPath("pnpm")) return { env: {}, cleanup: () => {} };
  const pm = readJson(join(ROOT, "package.json")).packageManager ?? "";
  const version = /^pnpm@([^+]+)/.exec(pm)?.[1];
  if (!version) throw new Error(`no pnpm on PATH and no pnpm version in the root packageManager field (${pm || "missing"})`);
  const dir = mkdtempSync(join(tmpdir(), "inboxkit-pnpm-shim-"));
  writeFileSync(join(dir, "pnpm"), `#!/bin/sh\nexec npx -y pnpm@${version} "$@"\n`);
  chmodSync(join(dir, "pnpm"), 0o755);
  console.log(`  (no pnpm on PATH: using a shim that runs npx -y pnpm@${version})`);
  return { env: { PATH: `${dir}:${process.env.PATH ?? ""}` }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Why the package's dist/ is older than its src/, or undefined when it is not. */
function staleBuild(dir) {
  const newest = (d) => readdirSync(d, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(d, e.name)) : statSync(join(d, e.name)).mtimeMs), 0);
  const dist = join(dir, "dist");
  const src = join(dir, "src");
  if (!existsSync(dist) || !existsSync(src)) return undefined;
  const oldestDist = Math.min(...readdirSync(dist).map((f) => statSync(join(dist, f)).mtimeMs));
  return newest(src) > oldestDist ? "dist/ is older than src/" : undefined;
}

/** The file `exports[subpath].import` (for ".", else `module`) points at: an ESM entry of the package. */
function esmEntry(dir, pkg, subpath = ".") {
  const map = typeof pkg.exports === "object" && pkg.exports !== null ? pkg.exports : undefined;
  const conditions = subpath === "." ? (map?.["."] ?? map) : map?.[subpath];
  let target = conditions?.import ?? (subpath === "." ? pkg.module : undefined);
  if (target && typeof target === "object") target = target.default;
  if (typeof target !== "string") throw new Error(`${pkg.name}: no ESM entry for ${subpath} (exports[${JSON.stringify(subpath)}].import${subpath === "." ? " or module" : ""})`);
  return resolve(dir, target);
}

/** The export subpaths with an ESM entry (not `./package.json`). */
function esmSubpaths(pkg) {
  if (typeof pkg.exports !== "object" || pkg.exports === null || !Object.keys(pkg.exports).some((k) => k.startsWith("."))) return ["."];
  return Object.entries(pkg.exports).filter(([k, v]) => k.startsWith(".") && typeof v === "object" && v !== null && v.import).map(([k]) => k);
}

/**
 * The budgeted bundles of `inboxkit.sizeBudgetGzip`: a number budgets the "." entry; a map budgets
 * entries (`"./core"`) and synthetic entries (`"./core#createAcmeCore + ./funcs#itemsList"`).
 */
function budgetedBundles(dir, pkg) {
  const budgets = pkg.inboxkit?.sizeBudgetGzip;
  if (budgets === undefined || typeof budgets === "number") return { bundles: [{ key: ".", entry: esmEntry(dir, pkg), budget: budgets }], missing: [] };
  if (typeof budgets !== "object" || budgets === null) throw new Error(`${pkg.name}: inboxkit.sizeBudgetGzip must be a number of bytes or a map of bundle to bytes`);
  const bundles = Object.entries(budgets).map(([key, budget]) => {
    if (!key.includes("#")) return { key, entry: esmEntry(dir, pkg, key), budget };
    const parts = key.split("+").map((part) => {
      const [subpath, name] = part.trim().split("#");
      if (!subpath || !name || !/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`${pkg.name}: size budget key ${JSON.stringify(key)}: each part must be <subpath>#<export name>`);
      return `export { ${name} } from ${JSON.stringify(esmEntry(dir, pkg, subpath))};`;
    });
    return { key, contents: parts.join("\n"), budget };
  });
  const missing = esmSubpaths(pkg).filter((subpath) => !(subpath in budgets));
  return { bundles, missing };
}

const BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  // platform "neutral" sets no main fields: these make packages without `exports` resolvable too.
  mainFields: ["module", "main"],
  write: false,
  metafile: true,
  logLevel: "silent",
};

/** Where `specifier` resolves from `resolveDir` under the bundle options (esbuild's own resolver). */
async function resolveFrom(specifier, resolveDir) {
  let found;
  await esbuild.build({
    ...BUNDLE_OPTIONS,
    stdin: { contents: `import ${JSON.stringify(specifier)};`, resolveDir, loader: "js" },
    plugins: [
      {
        name: "capture",
        setup(build) {
          build.onResolve({ filter: /.*/ }, async (args) => {
            if (args.pluginData === "capture" || args.path !== specifier) return undefined;
            const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: "capture" });
            if (r.errors.length) throw new Error(r.errors.map((e) => e.text).join("; "));
            found = r.path;
            return { path: r.path, external: true };
          });
        },
      },
    ],
  });
  if (!found) throw new Error(`could not resolve ${specifier} from ${resolveDir}`);
  return found;
}

/** The directory of the package that contains `file` (nearest package.json with a name). */
function packageRootOf(file) {
  let dir = dirname(realpathSync(file));
  for (;;) {
    const pj = join(dir, "package.json");
    if (existsSync(pj) && readJson(pj).name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${file}`);
    dir = up;
  }
}

/** The esbuild platform of a package: "neutral" (any runtime), or "node" for a Node-only tool. */
const platformOf = (pkg) => (pkg.inboxkit?.platform === "node" ? "node" : "neutral");

/** Bundles `entry` as a consumer bundler would and measures it. */
async function measure(entry, extra = {}) {
  // `entry`: a file, or `{ contents }` of a synthetic entry (resolved from the package directory).
  const input = typeof entry === "string" ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: pkgDir, sourcefile: "budget-entry.js", loader: "js" } };
  const result = await esbuild.build({ ...BUNDLE_OPTIONS, mainFields: extra.platform === "node" ? ["module", "main"] : BUNDLE_OPTIONS.mainFields, ...extra, ...input, outfile: "bundle.js" });
  const code = result.outputFiles.find((f) => f.path.endsWith(".js"));
  if (!code) throw new Error(`esbuild produced no JS for ${entry}`);
  const gzip = gzipSync(code.contents, { level: 9 }).length;
  // What each package contributes to the minified output.
  const byPackage = new Map();
  const output = Object.values(result.metafile.outputs)[0];
  for (const [input, info] of Object.entries(output.inputs)) {
    if (input === "budget-entry.js") continue;
    const name = readJson(join(packageRootOf(resolve(input)), "package.json")).name;
    byPackage.set(name, (byPackage.get(name) ?? 0) + info.bytesInOutput);
  }
  return { minified: code.contents.length, gzip, byPackage, inputs: Object.keys(output.inputs).length };
}

/** The package's runtime dependencies, recursively, each with the ESM file it resolves to. */
async function dependencyEntries(dir, pkg, seen = new Map(), include = () => true) {
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    if (seen.has(dep) || !include(dep)) continue;
    const entry = await resolveFrom(dep, dir);
    seen.set(dep, entry);
    const depDir = packageRootOf(entry);
    await dependencyEntries(depDir, readJson(join(depDir, "package.json")), seen, include);
  }
  return seen;
}

const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));
function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const numeric = header.map((_, i) => rows.some((r) => typeof r[i] === "number" || /^[\d.]+%$/.test(String(r[i]))));
  const line = (cells) => `  ${cells.map((c, i) => pad(c, widths[i], numeric[i])).join("  ")}`;
  console.log(line(header));
  console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of rows) console.log(line(r));
}

async function main() {
  const pkgJsonPath = join(pkgDir, "package.json");
  if (!existsSync(pkgJsonPath)) throw new Error(`no package.json in ${pkgDir}: run this from a package directory`);
  const pkg = readJson(pkgJsonPath);
  const where = relative(ROOT, pkgDir) || ".";
  console.log(`check-package: ${pkg.name}@${pkg.version} (${where})`);
  if (pkg.private) throw new Error(`${pkg.name} is private: nothing to publish, nothing to check`);
  const entry = esmEntry(pkgDir, pkg);
  if (!existsSync(entry)) throw new Error(`${relative(ROOT, entry)} does not exist: build the package first (cd ${where} && ../../node_modules/.bin/tsup)`);
  const stale = staleBuild(pkgDir);
  if (stale) throw new Error(`${stale}: rebuild first (cd ${where} && ../../node_modules/.bin/tsup)`);

  // 1. publint
  console.log(`\n[1/3] publint --strict --level suggestion --pack pnpm`);
  const shim = pnpmShim();
  try {
    const { code, output } = await run(join(BIN, "publint"), ["--strict", "--level", "suggestion", "--pack", "pnpm"], { cwd: pkgDir, env: shim.env, prefix: "publint" });
    const clean = /All good!/.test(output);
    record("publint (errors, warnings, suggestions)", code === 0 && clean, code !== 0 ? `exit code ${code}` : clean ? "no messages" : "reported messages (see above)");
  } finally {
    shim.cleanup();
  }

  // 2. attw
  console.log(`\n[2/3] attw --pack . --profile strict (node10, node16 from CJS, node16 from ESM, bundler)`);
  {
    const { code, output } = await run(join(BIN, "attw"), ["--pack", ".", "--profile", "strict", "--format", "table", "--no-color"], { cwd: pkgDir, prefix: "attw" });
    const clean = /No problems found/.test(output);
    record("attw (types of every entry point in every resolution mode)", code === 0 && clean, code !== 0 ? `exit code ${code}` : clean ? "no problems" : "no 'No problems found' in its output");
  }

  // 3. size budgets
  const platform = platformOf(pkg);
  console.log(`\n[3/3] size: esbuild --bundle --minify --format=esm --platform=${platform} (dependencies included), gzip -9`);
  const { bundles, missing } = budgetedBundles(pkgDir, pkg);
  const measured = [];
  for (const b of bundles) measured.push({ ...b, size: await measure(b.contents ? { contents: b.contents } : b.entry, { platform }) });
  const own = measured.find((b) => b.key === ".")?.size ?? (await measure(entry, { platform }));
  const ownCode = await measure(entry, { platform, packages: "external" });
  // A Node-only package's dependencies that its entry does not import (a CLI it spawns) are not bundled.
  const imported = (dep) => platform !== "node" || own.byPackage.has(dep);
  const deps = await dependencyEntries(pkgDir, pkg, new Map(), imported);
  const notImported = Object.keys(pkg.dependencies ?? {}).filter((dep) => !imported(dep));
  // A workspace dependency (linked, not from the registry) is bundled from its dist/: it must be fresh too.
  for (const [dep, depEntry] of deps) {
    const depDir = packageRootOf(depEntry);
    const staleDep = depDir.split(sep).includes("node_modules") ? undefined : staleBuild(depDir);
    if (staleDep) throw new Error(`${dep}: ${staleDep}: rebuild it first (cd ${relative(ROOT, depDir)} && ../../node_modules/.bin/tsup)`);
  }
  const shortPath = (file) => `${readJson(join(packageRootOf(file), "package.json")).name}/${relative(packageRootOf(file), file).split(sep).join("/")}`;
  const rows = [];
  const within = (b) => typeof b.budget === "number" && b.budget > 0 && b.size.gzip <= b.budget;
  for (const b of measured) {
    rows.push([
      b.key === "." ? `${pkg.name} (entry + all deps)` : b.contents ? `${b.key} (synthetic entry)` : `${pkg.name}/${b.key.slice(2)} (entry + all deps)`,
      b.entry ? shortPath(b.entry) : "-",
      b.size.minified,
      b.size.gzip,
      typeof b.budget === "number" ? b.budget : "(none)",
      typeof b.budget === "number" ? `${((b.size.gzip / b.budget) * 100).toFixed(1)}%` : "-",
      within(b) ? "PASS" : "FAIL",
    ]);
  }
  rows.push([`  ${pkg.name} own code (deps external)`, shortPath(entry), ownCode.minified, ownCode.gzip, "-", "-", "info"]);
  for (const [dep, depEntry] of deps) {
    const m = await measure(depEntry, { platform });
    rows.push([`  ${dep} alone (+ its deps)`, shortPath(depEntry), m.minified, m.gzip, "-", "-", "info"]);
  }
  for (const dep of notImported) rows.push([`  ${dep} (not imported by the entry)`, "-", "-", "-", "-", "-", "info"]);
  printTable(["bundle", "entry", "min bytes", "gzip bytes", "budget", "of budget", "status"], rows);
  console.log(`\n  minified bytes each package contributes to the ${pkg.name} bundle (${own.inputs} input files):`);
  printTable(
    ["package", "min bytes"],
    [...own.byPackage].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => [name, bytes]),
  );
  for (const b of measured) {
    if (b.key === "." || !b.contents) continue;
    console.log(`\n  minified bytes each package contributes to ${b.key}:`);
    printTable(["package", "min bytes"], [...b.size.byPackage].sort((x, y) => y[1] - x[1]).map(([name, bytes]) => [name, bytes]));
  }
  const failed = measured.filter((b) => !within(b));
  const detail = (b) =>
    typeof b.budget !== "number"
      ? `${b.key}: no budget (measured ${b.size.gzip} B)`
      : `${b.key}: ${b.size.gzip} B of ${b.budget} B${b.size.gzip > b.budget ? ` (over by ${b.size.gzip - b.budget} B)` : ""}`;
  if (pkg.inboxkit?.sizeBudgetGzip === undefined) {
    record("size budget (gzip)", false, `no "inboxkit": {"sizeBudgetGzip": <bytes>} in package.json (measured ${own.gzip} B)`);
  } else {
    record(`size budget${measured.length > 1 ? "s" : ""} (gzip)`, failed.length === 0 && missing.length === 0, [...measured.map(detail), ...missing.map((m) => `${m}: an export without a budget`)].join("; "));
  }
}

try {
  await main();
} catch (err) {
  record("check-package", false, err instanceof Error ? err.message : String(err));
}
const failed = results.filter((r) => !r.ok);
console.log(`\n${failed.length ? "FAILED" : "OK"}: ${results.length - failed.length}/${results.length} checks passed${failed.length ? ` (failed: ${failed.map((f) => f.name).join(", ")})` : ""}`);
process.exitCode = failed.length ? 1 : 0;
