#!/usr/bin/env node
// Bundle size: what an InboxKit vendor package adds to an application, compared with openapi-fetch
// alone, and how it grows with the operations used. Each entry is bundled by esbuild (ESM, minified,
// platform neutral, everything bundled: the vendor's dist, @inboxkit/runtime's dist and openapi-fetch)
// and gzipped (level 9). Rows:
//   - helpwise: the whole package entry (`export *`) and only the client factory (as before);
//   - per vendor: the core + one standalone operation function (`@inboxkit/<v>/core` + `/funcs`), the
//     core alone, and the full client factory, with the client's cost per operation
//     ((client factory - core alone) / operations);
//   - the nimchat public API entry (`@inboxkit/nimchat/public`'s client factory);
// each with the esbuild metafile breakdown (minified bytes per input package).
// CLI: node scripts/bench/bundle.mjs    As a module of run.mjs: `run(ctx)` returns the markdown section.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const dist = (vendor, entry = "index") => `./packages/${vendor}/dist/${entry}.js`;
const HELPWISE_DIST = dist("helpwise");

export const name = "bundle";
/** Aims, as multiples of openapi-fetch alone (gzip). */
const AIM = { client: 2.5, func: 1.5, public: 2.5 };

const OPENAPI_CLIENT = `export { default as createClient } from "openapi-fetch";`;

const ENTRIES = [
  {
    row: "whole package entry",
    inboxkit: `export * from "${HELPWISE_DIST}";`,
    openapi: `export * from "openapi-fetch"; export { default } from "openapi-fetch";`,
  },
  {
    row: "client factory only",
    inboxkit: `export { createHelpwiseClient } from "${HELPWISE_DIST}";`,
    openapi: OPENAPI_CLIENT,
  },
];

/** Per vendor: its core factory, one standalone function (a plain JSON call), its client factory and entry. */
const VENDORS = [
  { vendor: "helpwise", core: "createHelpwiseCore", func: "mailboxesList", client: "createHelpwiseClient", entry: "index" },
  { vendor: "helpshift", core: "createHelpshiftCore", func: "messagesGetUnread", client: "createHelpshiftClient", entry: "index" },
  { vendor: "desk360", core: "createDesk360Core", func: "messagesSendText", client: "createDesk360Client", entry: "index" },
  { vendor: "nimchat", core: "createNimchatPublicCore", func: "publicMessagesCreate", client: "createNimchatClient", entry: "application", api: "application" },
  { vendor: "wabbit", core: "createWabbitCore", func: "messagesCreate", client: "createWabbitClient", entry: "index" },
];

async function measure(contents, extra = {}) {
  const result = await esbuild.build({
    ...extra,
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
  // ... and each package (a vendor's dist chunks together)
  const byPackage = new Map();
  for (const p of parts) {
    const pkg = /^packages\/([^/]+)\//.exec(p.path)?.[1];
    const key = pkg ? `@inboxkit/${pkg}` : p.path.startsWith("node_modules/") ? p.path.split("/").slice(1, p.path.split("/")[1].startsWith("@") ? 3 : 2).join("/") : p.path;
    byPackage.set(key, (byPackage.get(key) ?? 0) + p.bytes);
  }
  return { code: new TextDecoder().decode(code), min: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs, parts, byPackage: [...byPackage].sort((a, b) => b[1] - a[1]) };
}

/** The text of a bundle's string and template literals (messages, names, paths): its minified bytes, and its gzip alone. */
function literalText(code) {
  const file = ts.createSourceFile("bundle.js", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const texts = [];
  let bytes = 0;
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      bytes += node.getEnd() - node.getStart(file);
      texts.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { min: bytes, gzip: gzipSync(texts.join("\n"), { level: 9 }).length };
}

async function version(pkgJson) {
  return JSON.parse(await readFile(join(root, pkgJson), "utf8")).version;
}

async function operationCount(vendor, api) {
  const { operationTable, applicationOperationTable } = await import(pathToFileURL(join(root, dist(vendor, api ? api : "index"))).href);
  return (api ? applicationOperationTable : operationTable).length;
}

export async function measureAll(log = console.log) {
  const openapi = await measure(OPENAPI_CLIENT);
  const rows = [];
  for (const entry of ENTRIES) {
    const inboxkit = await measure(entry.inboxkit);
    const base = entry.openapi === OPENAPI_CLIENT ? openapi : await measure(entry.openapi);
    if (!inboxkit.inputs.some((p) => p.includes("openapi-fetch"))) throw new Error("the helpwise bundle does not contain openapi-fetch: check resolution");
    if (!inboxkit.inputs.some((p) => p.includes("runtime/dist"))) throw new Error("the helpwise bundle does not contain @inboxkit/runtime's dist");
    rows.push({ row: entry.row, inboxkit, openapi: base, ratio: inboxkit.gzip / base.gzip });
    log(`[bundle] helpwise ${entry.row}: ${inboxkit.gzip} B gz (${inboxkit.min} B min), openapi-fetch ${base.gzip} B gz (${base.min} B min), ratio ${(inboxkit.gzip / base.gzip).toFixed(2)}×`);
  }
  const vendors = [];
  for (const v of VENDORS) {
    const func = await measure(`export { ${v.core} } from "${dist(v.vendor, "core")}";\nexport { ${v.func} } from "${dist(v.vendor, "funcs")}";`);
    const core = await measure(`export { ${v.core} } from "${dist(v.vendor, "core")}";`);
    const client = await measure(`export { ${v.client} } from "${dist(v.vendor, v.entry)}";`);
    const ops = await operationCount(v.vendor, v.api);
    const perOp = (client.gzip - core.gzip) / ops;
    vendors.push({ ...v, func: { name: v.func, ...func }, core, client, ops, perOp });
    log(`[bundle] ${v.vendor}: core + ${v.func} ${func.gzip} B gz (${(func.gzip / openapi.gzip).toFixed(2)}×), core alone ${core.gzip} B, client ${client.gzip} B gz (${ops} operations, ${perOp.toFixed(0)} B gz each)`);
  }
  // The same helpwise core + function from the sources (the runtime aliased to its src), so the
  // metafile names the runtime's modules: where the pipeline's bytes are.
  const modules = await measure(`export { createHelpwiseCore } from "./packages/helpwise/src/core.ts";\nexport { mailboxesList } from "./packages/helpwise/src/funcs.ts";`, {
    alias: { "@inboxkit/runtime": "./packages/runtime/src/index.ts" },
  });
  const nimchatPublic = await measure(`export { createNimchatPublicClient } from "${dist("nimchat", "public")}";`);
  log(`[bundle] nimchat public API entry (client factory): ${nimchatPublic.gzip} B gz (${(nimchatPublic.gzip / openapi.gzip).toFixed(2)}×)`);
  return { rows, vendors, nimchatPublic, openapi, modules };
}

/** @param {{ log?: (line: string) => void }} ctx */
export async function run(ctx = {}) {
  const { rows, vendors, nimchatPublic, openapi, modules } = await measureAll(ctx.log);
  const [helpwiseVersion, runtimeVersion, openapiVersion, esbuildVersion] = await Promise.all([
    version("packages/helpwise/package.json"),
    version("packages/runtime/package.json"),
    version("node_modules/openapi-fetch/package.json"),
    Promise.resolve(esbuild.version),
  ]);
  const kb = (n) => `${Math.round(n).toLocaleString("en-US")} B`;
  const x = (n) => `${n.toFixed(2)}×`;
  const breakdown = (m) => m.byPackage.map(([pkg, bytes]) => `\`${pkg}\` ${kb(bytes)} (${((100 * bytes) / m.min).toFixed(0)}%)`).join(", ");
  const lines = [];
  lines.push("## Bundle size");
  lines.push("");
  lines.push(
    `esbuild ${esbuildVersion} (ESM, minified, bundled, platform neutral, target es2022) then gzip level 9, of the built vendor packages (their \`dist/\`, with \`@inboxkit/runtime\` ${runtimeVersion} and openapi-fetch ${openapiVersion} bundled in) versus openapi-fetch ${openapiVersion} alone ` +
      `(its \`createClient\`: ${kb(openapi.min)} min, ${kb(openapi.gzip)} gzip).`,
  );
  lines.push("");
  lines.push("### The helpwise client");
  lines.push("");
  lines.push(
    `\`@inboxkit/helpwise\` ${helpwiseVersion}. "Whole package entry" re-exports everything (\`export *\`); "client factory only" keeps what tree shaking leaves when an app imports just the client factory ` +
      "(`createHelpwiseClient` / openapi-fetch's `createClient`). The helpwise bundle includes the generated operation table (paths, parameter schemas for validation, pagination).",
  );
  lines.push("");
  lines.push("| entry | @inboxkit/helpwise min | gzip | openapi-fetch min | gzip | ratio (gzip) | aim ≤ 2.5× |");
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | :---: |");
  for (const r of rows) {
    lines.push(`| ${r.row} | ${kb(r.inboxkit.min)} | ${kb(r.inboxkit.gzip)} | ${kb(r.openapi.min)} | ${kb(r.openapi.gzip)} | ${x(r.ratio)} | ${r.ratio <= AIM.client ? "yes" : "**no**"} |`);
  }
  lines.push("");
  lines.push(`Where the minified bytes of the whole helpwise bundle come from (before gzip): ${rows[0].inboxkit.parts.map((p) => `\`${p.path}\` ${kb(p.bytes)} (${((100 * p.bytes) / rows[0].inboxkit.min).toFixed(0)}%)`).join(", ")}.`);
  lines.push("");
  lines.push("### Core + standalone functions: cost proportional to use");
  lines.push("");
  lines.push(
    "\"Core + one function\" bundles `create<Vendor>Core` of `@inboxkit/<vendor>/core` and one standalone operation function of `@inboxkit/<vendor>/funcs` " +
      "(the whole pipeline — auth, retries, timeouts, rate limits, validation with the operation's schema, typed errors — without the operation table; " +
      "the client-side request budget only where the vendor documents a limit (Desk360) or the caller passes `requestBudget(…)`). " +
      "\"Client factory\" is `create<Vendor>Client` alone (every operation of its table; nimchat: the application API, `@inboxkit/nimchat/application`). " +
      "Per operation = (client factory − core alone) / operations: what each operation of the table adds (its metadata, schema and method), " +
      "with the client's fixed cost (the table mapping, the request budget a client always accepts, and the pagers and time cursor where its table uses them) spread over them — so it is high for helpshift's 2 operations.",
  );
  lines.push("");
  lines.push(`| vendor | core + one function (gzip) | ratio | aim ≤ ${AIM.func}× | core alone | client factory (gzip) | ratio | operations | per operation |`);
  lines.push("| --- | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: |");
  for (const v of vendors) {
    const r = v.func.gzip / openapi.gzip;
    lines.push(
      `| ${v.vendor} (\`${v.func.name}\`) | ${kb(v.func.gzip)} | ${x(r)} | ${r <= AIM.func ? "yes" : "**no**"} | ${kb(v.core.gzip)} | ${kb(v.client.gzip)} | ${x(v.client.gzip / openapi.gzip)} | ${v.ops} | ${kb(v.perOp)} |`,
    );
  }
  const pub = nimchatPublic.gzip / openapi.gzip;
  lines.push("");
  lines.push(
    `The nimchat public API entry (\`createNimchatPublicClient\` of \`@inboxkit/nimchat/public\`, its own table of ${"public"} operations only): ${kb(nimchatPublic.min)} min, **${kb(nimchatPublic.gzip)}** gzip, ${x(pub)} openapi-fetch (aim ≤ ${AIM.public}×: ${pub <= AIM.public ? "met" : "**not met**"}).`,
  );
  lines.push("");
  lines.push("Where the minified bytes come from (esbuild metafile, per input package):");
  lines.push("");
  for (const v of vendors) lines.push(`- ${v.vendor}, core + \`${v.func.name}\` (${kb(v.func.min)} min): ${breakdown(v.func)}; client factory (${kb(v.client.min)} min): ${breakdown(v.client)}.`);
  lines.push(`- nimchat public API entry (${kb(nimchatPublic.min)} min): ${breakdown(nimchatPublic)}.`);
  const floor = Math.round(openapi.gzip * (AIM.func - 1));
  // A module alone, minified and gzipped (imports left out): a lower bound of what it adds.
  const alone = async (file) => gzipSync((await esbuild.transform(await readFile(join(root, "packages/runtime/src", file), "utf8"), { loader: "ts", minify: true, format: "esm" })).code, { level: 9 }).length;
  const [transportAlone, validateAlone] = [await alone("transport.ts"), await alone("validate.ts")];
  const helpwiseFunc = vendors.find((v) => v.vendor === "helpwise").func;
  const literals = literalText(helpwiseFunc.code);
  const runtimeModules = modules.parts.filter((p) => p.path.startsWith("packages/runtime/src/"));
  lines.push("");
  lines.push(
    `Where the pipeline's bytes are: helpwise's core + \`mailboxesList\` built from the sources (${kb(modules.min)} min, ${kb(modules.gzip)} gzip), per runtime module (minified bytes): ` +
      `${runtimeModules.map((p) => `\`${p.path.replace("packages/runtime/src/", "")}\` ${kb(p.bytes)}`).join(", ")}; ` +
      `openapi-fetch ${kb(modules.parts.filter((p) => p.path.includes("openapi-fetch")).reduce((n, p) => n + p.bytes, 0))}, the helpwise sources ${kb(modules.parts.filter((p) => p.path.startsWith("packages/helpwise/")).reduce((n, p) => n + p.bytes, 0))}.`,
  );
  lines.push("");
  const met = vendors.filter((v) => v.func.gzip / openapi.gzip <= AIM.func).length;
  lines.push(
    `Against the aims: core + one function is within ${AIM.func}× openapi-fetch for ${met} of ${vendors.length} vendors. ` +
      "What remains in such a bundle is the runtime's pipeline, which every call uses — the transport (retries, redirects, timeouts, rate-limit pauses), " +
      "the validator (the keywords every schema may use; the checkers of unions, dates, JSON content, `dependentRequired` and `uniqueItems` only with an operation whose schema uses them), the error classes and redaction, the option checks — plus openapi-fetch's URL serialisers (a core's calls build their requests with them; openapi-fetch's client is the client object's `raw` only); " +
      "the operation table, the other operations, openapi-fetch's client, the form and multipart encoders, the pagers, the time cursor, the webhook parsers and (but for Desk360) the request budget are not in it (checked by scripts/test/funcs-bundle.test.ts). " +
      `The ${AIM.func}× aim leaves ${kb(floor)} gzip beside openapi-fetch for all of that: less than the transport alone (\`transport.ts\` minified and gzipped by itself: ${kb(transportAlone)}), the validator of the keywords every schema may use alone (\`validate.ts\`: ${kb(validateAlone)}), ` +
      `or the text of the bundle's string literals alone — its error messages, which say which field, what was expected and what was given, option and header names, paths (helpwise core + \`mailboxesList\`: ${kb(literals.min)} of its ${kb(helpwiseFunc.min)} minified, ${kb(literals.gzip)} gzipped by themselves) — each of which the hardening of the runtime requires on every call.`,
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
