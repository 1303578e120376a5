#!/usr/bin/env node
// Bundle size: what `@inboxkit/helpwise` adds to an application compared with openapi-fetch alone.
// Each entry is bundled by esbuild (ESM, minified, platform neutral, everything bundled: the
// helpwise dist, @inboxkit/runtime's dist and openapi-fetch) and gzipped (level 9).
// Two rows: the whole package entry (`export *`), and only the client factory a user imports
// (what tree shaking keeps).
// CLI: node scripts/bench/bundle.mjs    As a module of run.mjs: `run(ctx)` returns the markdown section.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const HELPWISE_DIST = "./packages/helpwise/dist/index.js";

export const name = "bundle";
const AIM = 2.5;

const ENTRIES = [
  {
    row: "whole package entry",
    inboxkit: `export * from "${HELPWISE_DIST}";`,
    openapi: `export * from "openapi-fetch"; export { default } from "openapi-fetch";`,
  },
  {
    row: "client factory only",
    inboxkit: `export { createHelpwiseClient } from "${HELPWISE_DIST}";`,
    openapi: `export { default as createClient } from "openapi-fetch";`,
  },
];

async function measure(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, sourcefile: "bench-entry.js", loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs).filter((p) => p !== "bench-entry.js");
  // minified bytes each input file contributes to the output
  const parts = Object.values(result.metafile.outputs)
    .flatMap((o) => Object.entries(o.inputs))
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([path, v]) => ({ path: path.replace(/^.*node_modules\/(?!\.pnpm)/, "node_modules/").replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, ""), bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs, parts };
}

async function version(pkgJson) {
  return JSON.parse(await readFile(join(root, pkgJson), "utf8")).version;
}

export async function measureAll(log = console.log) {
  const rows = [];
  for (const entry of ENTRIES) {
    const inboxkit = await measure(entry.inboxkit);
    const openapi = await measure(entry.openapi);
    if (!inboxkit.inputs.some((p) => p.includes("openapi-fetch"))) throw new Error("the helpwise bundle does not contain openapi-fetch: check resolution");
    if (!inboxkit.inputs.some((p) => p.includes("runtime/dist"))) throw new Error("the helpwise bundle does not contain @inboxkit/runtime's dist");
    rows.push({ row: entry.row, inboxkit, openapi, ratio: inboxkit.gzip / openapi.gzip });
    log(`[bundle] ${entry.row}: @inboxkit/helpwise ${inboxkit.gzip} B gz (${inboxkit.min} B min), openapi-fetch ${openapi.gzip} B gz (${openapi.min} B min), ratio ${(inboxkit.gzip / openapi.gzip).toFixed(2)}×`);
  }
  return rows;
}

/** @param {{ log?: (line: string) => void }} ctx */
export async function run(ctx = {}) {
  const rows = await measureAll(ctx.log);
  const [helpwiseVersion, runtimeVersion, openapiVersion, esbuildVersion] = await Promise.all([
    version("packages/helpwise/package.json"),
    version("packages/runtime/package.json"),
    version("node_modules/openapi-fetch/package.json"),
    Promise.resolve(esbuild.version),
  ]);
  const kb = (n) => `${n.toLocaleString("en-US")} B`;
  const lines = [];
  lines.push("## Bundle size");
  lines.push("");
  lines.push(
    `esbuild ${esbuildVersion} (ESM, minified, bundled, platform neutral, target es2022) then gzip level 9, of \`@inboxkit/helpwise\` ${helpwiseVersion} ` +
      `(its built \`dist/index.js\`, with \`@inboxkit/runtime\` ${runtimeVersion} and openapi-fetch ${openapiVersion} bundled in) versus openapi-fetch ${openapiVersion} alone. ` +
      "\"Whole package entry\" re-exports everything (`export *`); \"client factory only\" keeps what tree shaking leaves when an app imports just the client factory " +
      "(`createHelpwiseClient` / openapi-fetch's `createClient`). The helpwise bundle includes the generated operation table (paths, parameter schemas for validation, pagination).",
  );
  lines.push("");
  lines.push("| entry | @inboxkit/helpwise min | gzip | openapi-fetch min | gzip | ratio (gzip) | aim ≤ 2.5× |");
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | :---: |");
  for (const r of rows) {
    lines.push(`| ${r.row} | ${kb(r.inboxkit.min)} | ${kb(r.inboxkit.gzip)} | ${kb(r.openapi.min)} | ${kb(r.openapi.gzip)} | ${r.ratio.toFixed(2)}× | ${r.ratio <= AIM ? "yes" : "**no**"} |`);
  }
  lines.push("");
  const whole = rows[0].inboxkit;
  lines.push(
    "Where the minified bytes of the whole helpwise bundle come from (before gzip): " +
      whole.parts.map((p) => `\`${p.path}\` ${kb(p.bytes)} (${((100 * p.bytes) / whole.min).toFixed(0)}%)`).join(", ") +
      ".",
  );
  lines.push("");
  return { markdown: lines.join("\n"), ok: true };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(
    (section) => console.log(`\n${section.markdown}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
