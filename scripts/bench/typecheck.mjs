#!/usr/bin/env node
// Type-checking cost: how long `tsc --noEmit` takes on each vendor package (its sources with the
// generated types), and on a small consumer file that imports the BUILT package and makes typed calls
// (what a user's editor pays). Every vendor of redocly.yaml is measured in the same rounds, in an
// order rotated each round, and reported as the median and as a ratio to Desk360 (the reference: a
// small, finished vendor). `--extendedDiagnostics` gives the checker's own time and type counts.
// CLI: node scripts/bench/typecheck.mjs [--rounds N]   As a module of run.mjs: `run(ctx)`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const TSC = join(root, "node_modules", "typescript", "bin", "tsc");
const REFERENCE = "desk360";

export const name = "typecheck";

function vendors() {
  return Object.keys(parse(readFileSync(join(root, "redocly.yaml"), "utf8")).apis);
}

/** Runs tsc with --extendedDiagnostics; returns wall ms, check ms and the number of types. */
function tsc(args, cwd) {
  const started = performance.now();
  let out;
  try {
    out = execFileSync(process.execPath, [TSC, ...args, "--extendedDiagnostics"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`tsc ${args.join(" ")} failed in ${cwd}:\n${String(error.stdout ?? "").slice(0, 2000)}`);
  }
  const wall = performance.now() - started;
  const num = (label) => Number((new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(out) ?? [])[1]);
  return { wall, check: num("Check time") * 1000, types: num("Types") };
}

/** A consumer project per vendor: imports the built package (resolved from the workspace) and uses its client type. */
function consumer(dir, vendor) {
  const pkg = JSON.parse(readFileSync(join(root, "packages", vendor, "package.json"), "utf8"));
  writeFileSync(
    join(dir, `${vendor}.ts`),
    `import type * as lib from ${JSON.stringify(pkg.name)};\n` +
      `type Api = { [K in keyof typeof lib]: (typeof lib)[K] extends (...args: never[]) => infer R ? R : never }[keyof typeof lib];\n` +
      `export declare const client: Exclude<Api, never>;\n` +
      // Resolve every method's parameter and result types, as an editor does when it lists them.
      "type Resolved<T> = { [G in keyof T]: { [M in keyof T[G]]: T[G][M] extends (...args: infer A) => infer R ? [A, Awaited<R>] : T[G][M] } };\n" +
      "export declare const resolved: Resolved<typeof client>;\n" +
      "export const probe: Resolved<typeof client> = resolved;\n",
  );
  writeFileSync(
    join(dir, `tsconfig.${vendor}.json`),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom"], skipLibCheck: true, types: [], baseUrl: root, paths: { [pkg.name]: [join(root, "packages", vendor, "dist", "index.d.ts")], "@inboxkit/runtime": [join(root, "packages", "runtime", "dist", "index.d.ts")] } },
      files: [`${vendor}.ts`],
    }),
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function run(ctx = {}) {
  const log = ctx.log ?? console.log;
  const rounds = ctx.rounds ?? 5;
  const list = vendors();
  const dir = mkdtempSync(join(tmpdir(), "inboxkit-typecheck-"));
  try {
    for (const v of list) consumer(dir, v);
    const samples = Object.fromEntries(list.map((v) => [v, { pkg: [], user: [], types: 0, userTypes: 0, check: [] }]));
    for (let r = 0; r < rounds; r++) {
      const order = list.map((_, i) => list[(i + r) % list.length]);
      for (const v of order) {
        const p = tsc(["--noEmit", "-p", join(root, "packages", v, "tsconfig.json")], root);
        const u = tsc(["-p", join(dir, `tsconfig.${v}.json`)], dir);
        samples[v].pkg.push(p.wall);
        samples[v].check.push(p.check);
        samples[v].user.push(u.wall);
        samples[v].types = p.types;
        samples[v].userTypes = u.types;
      }
      log(`typecheck: round ${r + 1}/${rounds} done`);
    }
    const ref = samples[REFERENCE] ?? samples[list[0]];
    const refPkg = median(ref.pkg);
    const refUser = median(ref.user);
    // One `export const <name>Operation: OperationMeta` per operation in the generated operations module.
    const ops = (v) => (readFileSync(join(root, "packages", v, "src", "generated", "operations.ts"), "utf8").match(/^export const \w+: OperationMeta = /gm) ?? []).length;
    const rows = list.map((v) => {
      const s = samples[v];
      return `| ${v} | ${ops(v)} | ${median(s.pkg).toFixed(0)} ms | ${(median(s.pkg) / refPkg).toFixed(2)}× | ${median(s.check).toFixed(0)} ms | ${s.types.toLocaleString("en")} | ${median(s.user).toFixed(0)} ms | ${(median(s.user) / refUser).toFixed(2)}× | ${s.userTypes.toLocaleString("en")} |`;
    });
    const markdown = [
      "## Type-checking cost",
      "",
      `\`tsc --noEmit\` (TypeScript ${JSON.parse(readFileSync(join(root, "node_modules", "typescript", "package.json"), "utf8")).version}) of each vendor package's sources (its generated types included), and of a consumer file that imports the built package's \`.d.ts\` and resolves its client type (what a user's editor loads). ${rounds} rounds, vendors in an order rotated each round; medians; ratios to ${REFERENCE}. Wall time includes tsc's start-up (about half of it); *check* is the checker's own time from \`--extendedDiagnostics\`.`,
      "",
      "| vendor | operations | package tsc | vs " + REFERENCE + " | check | types | consumer tsc | vs " + REFERENCE + " | types |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...rows,
    ].join("\n");
    return { markdown, ok: true };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf("--rounds");
  const { markdown } = await run({ rounds: i > 0 ? Number(process.argv[i + 1]) : undefined });
  console.log(markdown);
}
