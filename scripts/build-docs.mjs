#!/usr/bin/env node
// Builds the static API reference site in docs-site/:
//   docs-site/<api>.html  – one offline Redoc page per API named in the root redocly.yaml
//                           (`redocly build-docs <api> --inlineBundle`: no CDN, opens from file:// too)
//   docs-site/index.html  – a self-contained index of every vendor (title, package version and API
//                           version, summary, operation and webhook counts, install line, link to its page)
// Usage: node scripts/build-docs.mjs   (or `pnpm docs`)
// Any API that fails to parse or build fails the whole run (exit 1); nothing is skipped.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { addCodeSamples } from "./docs/code-samples.mjs";
import { docsContext, readPackageJson } from "./docs/context.mjs";
import { docsRedoclyConfig } from "./docs/redoc-config.mjs";
import { withSdkSection } from "./docs/sdk-section.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const OUT_DIR = join(root, "docs-site");
const REDOCLY = join(root, "node_modules", ".bin", process.platform === "win32" ? "redocly.cmd" : "redocly");
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The APIs named in the root redocly.yaml, in file order: [{ name, spec }] (spec relative to the repo root). */
export async function listApis() {
  const config = parse(await readFile(join(root, "redocly.yaml"), "utf8"));
  const apis = config?.apis;
  if (!apis || typeof apis !== "object" || Object.keys(apis).length === 0) {
    throw new Error("redocly.yaml names no APIs (expected an `apis:` map)");
  }
  return Object.entries(apis).map(([name, api]) => {
    if (!api?.root) throw new Error(`redocly.yaml: API "${name}" has no \`root\``);
    return { name, spec: api.root };
  });
}

/** Every operation of a path-item map (paths or webhooks) as { method, path, summary, operationId }. */
export function operationsOf(pathItems) {
  const ops = [];
  for (const [path, item] of Object.entries(pathItems ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (op) ops.push({ method, path, summary: op.summary, operationId: op.operationId, inferred: op["x-inferred"] === true });
    }
  }
  return ops;
}

/** Markdown → plain text, good enough for a one-paragraph summary. */
function plainText(markdown) {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1") // links
    .replace(/<[^>]+>/g, "") // inline HTML
    .replace(/`([^`]*)`/g, "$1") // code spans
    .replace(/(\*\*|__)(.+?)\1/g, "$2") // bold
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, "$1$2") // emphasis
    .replace(/^#+\s*/gm, "") // headings
    .replace(/\s+/g, " ")
    .trim();
}

/** First paragraph of info.description as plain text, cut to at most two sentences. */
export function summarize(description) {
  if (typeof description !== "string" || !description.trim()) return "";
  const firstParagraph = description.trim().split(/\n\s*\n/)[0];
  const text = plainText(firstParagraph);
  // Split after . ! ? followed by a capital letter or an opening bracket; not after e.g./i.e./etc.
  const sentences = text.split(/(?<!\b(?:e\.g|i\.e|etc|vs)\.)(?<=[.!?])\s+(?=[A-Z("“])/);
  // One sentence, plus the second when both stay short enough for a card.
  let summary = sentences[0];
  if (sentences.length > 1 && summary.length + sentences[1].length < 360) summary += ` ${sentences[1]}`;
  if (summary.length > 480) summary = `${summary.slice(0, 460).replace(/\s+\S*$/, "")}…`;
  return summary;
}

/**
 * Every `$ref` of the document that does not resolve. `redocly build-docs` renders a page even
 * when a reference is dangling (the schema silently goes missing), so the build checks them itself.
 * Local refs (`#/...`) are resolved in the document; refs to other files must name an existing file.
 */
function danglingRefs(doc, specFile) {
  const dangling = [];
  const walk = (node, at) => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`));
    if (!node || typeof node !== "object") return;
    if (typeof node.$ref === "string") {
      const [file, pointer = ""] = node.$ref.split("#");
      if (file) {
        if (!existsSync(join(dirname(specFile), file))) dangling.push(`${at}: ${node.$ref} (no such file)`);
      } else {
        const target = pointer
          .split("/")
          .slice(1)
          .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"))
          .reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), doc);
        if (target === undefined) dangling.push(`${at}: ${node.$ref}`);
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== "$ref") walk(value, `${at}/${key}`);
  };
  walk(doc, "#");
  return dangling;
}

/** Facts about one spec the index page shows. */
export async function readSpecFacts(api) {
  const file = join(root, api.spec);
  let doc;
  try {
    doc = parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`${api.name}: cannot read ${api.spec}: ${error.message}`);
  }
  if (!doc || typeof doc !== "object" || !doc.info) throw new Error(`${api.name}: ${api.spec} has no info object`);
  const dangling = danglingRefs(doc, file);
  if (dangling.length) {
    const shown = dangling.slice(0, 8).map((d) => `\n      ${d}`).join("");
    throw new Error(`${api.name}: ${api.spec} has ${dangling.length} unresolved $ref(s):${shown}${dangling.length > 8 ? "\n      …" : ""}`);
  }
  return {
    name: api.name,
    spec: api.spec,
    title: String(doc.info.title ?? api.name),
    version: String(doc.info.version ?? ""),
    packageVersion: (await readPackageJson(api.name))?.version,
    summary: summarize(doc.info.description) || String(doc.info.summary ?? ""),
    openapi: String(doc.openapi ?? ""),
    servers: (doc.servers ?? []).map((s) => s?.url).filter(Boolean),
    operations: operationsOf(doc.paths),
    webhooks: Object.keys(doc.webhooks ?? {}),
    tags: (doc.tags ?? []).map((t) => t?.name).filter(Boolean),
  };
}

/** Runs `redocly build-docs` for one API; resolves with its output or rejects with it. */
function runRedocly(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(REDOCLY, args, {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_TELEMETRY: "off", NO_COLOR: "1" },
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", (error) => reject(Object.assign(new Error(`cannot start ${REDOCLY}: ${error.message}`), { output })));
    child.on("close", (code, signal) => {
      if (code === 0) resolve(output);
      else reject(Object.assign(new Error(`redocly build-docs exited with ${code ?? signal}`), { output }));
    });
  });
}

/** Drops redocly's boxed banners (Node deprecation, Redoc 3 notice) from its output. */
function withoutBanners(output) {
  return output
    .split("\n")
    .filter((line) => !/^\s*[╔║╚]/.test(line))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

// Redoc 3 always renders an "API docs by <Redocly logo>" attribution whose <img> loads from
// cdn.redoc.ly, even in an --inlineBundle page. To keep the page fully offline (and free of
// third-party requests) the logo URLs are swapped for inline SVG wordmarks; the attribution and its
// link stay. If a Redoc update renames them, a warning is printed and the browser test's
// "no external request" check catches the leak.
const svgUri = (svg) => `data:image/svg+xml,${encodeURIComponent(svg).replace(/'/g, "%27")}`;
const REDOCLY_LOGOS = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": svgUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="58" height="16" viewBox="0 0 58 16"><text x="0" y="12.5" font-family="system-ui,-apple-system,Segoe UI,Roboto,DejaVu Sans,sans-serif" font-size="12.5" font-weight="700" fill="#0044d4">Redocly</text></svg>`,
  ),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": svgUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><rect width="16" height="16" rx="4" fill="#0044d4"/><text x="8" y="12" text-anchor="middle" font-family="system-ui,sans-serif" font-size="11" font-weight="700" fill="#fff">R</text></svg>`,
  ),
};

async function inlineRedoclyLogos(file) {
  let html = await readFile(file, "utf8");
  let replaced = 0;
  for (const [url, dataUri] of Object.entries(REDOCLY_LOGOS)) {
    const parts = html.split(url);
    replaced += parts.length - 1;
    html = parts.join(dataUri);
  }
  await writeFile(file, html);
  return replaced;
}

/** The badge every operation whose path or method is our guess (`x-inferred: true`) carries on its page. */
export const INFERRED_BADGE = Object.freeze({ name: "Inferred", color: "#b45309" });

/**
 * The spec as the docs page shows it: every `x-inferred` operation gets an "Inferred" badge (in its
 * heading and in the sidebar) next to the "Inferred: …" its description starts with. The spec itself
 * stays as written; the page is built from this decorated copy.
 *
 * With the vendor's docs context (scripts/docs/context.mjs, `docsContext(name, doc)`), the page also
 * opens with the SDK (the package README, in front of `info.description`: scripts/docs/sdk-section.mjs)
 * and every operation gets `x-codeSamples`: TypeScript with the InboxKit client and curl, from the
 * spec's examples (scripts/docs/code-samples.mjs).
 * @param {object} doc the parsed spec
 * @param {import("./docs/context.mjs").DocsContext} [context]
 */
export function decorateForDocs(doc, context) {
  const copy = structuredClone(doc);
  if (context) {
    if (!context.readme) throw new Error(`${context.vendor}: packages/${context.vendor}/README.md is missing; the docs page opens with it`);
    copy.info = { ...copy.info, description: withSdkSection(copy.info?.description, context.readme) };
    addCodeSamples(copy, context.clients);
  }
  for (const items of [copy.paths, copy.webhooks]) {
    for (const item of Object.values(items ?? {})) {
      for (const method of HTTP_METHODS) {
        const op = item?.[method];
        if (op?.["x-inferred"] !== true) continue;
        const badges = Array.isArray(op["x-badges"]) ? op["x-badges"] : [];
        if (!badges.some((b) => b?.name === INFERRED_BADGE.name)) op["x-badges"] = [...badges, { ...INFERRED_BADGE }];
      }
    }
  }
  return copy;
}

async function buildApi(facts) {
  const out = join(OUT_DIR, `${facts.name}.html`);
  const title = `${facts.title}${facts.version ? ` ${facts.version}` : ""} · InboxKit API reference`;
  const work = await mkdtemp(join(tmpdir(), `inboxkit-docs-${facts.name}-`));
  const decorated = join(work, "openapi.json");
  const doc = parse(await readFile(join(root, facts.spec), "utf8"));
  await writeFile(decorated, JSON.stringify(decorateForDocs(doc, await docsContext(facts.name, doc))));
  // redocly.yaml plus the code-sample languages Redoc shows (TypeScript is not in its default list).
  const config = join(work, "redocly.yaml");
  await writeFile(config, docsRedoclyConfig(await readFile(join(root, "redocly.yaml"), "utf8"), root));
  const args = ["build-docs", decorated, "--config", config, "--output", out, "--title", title, "--inlineBundle"];
  const started = performance.now();
  const output = await runRedocly(args).finally(() => rm(work, { recursive: true, force: true }));
  const logos = await inlineRedoclyLogos(out);
  if (logos === 0) console.warn(`\n    warning: no cdn.redoc.ly logo URL found in ${facts.name}.html; the page may load it from the CDN`);
  const { size } = await stat(out);
  return { ms: performance.now() - started, size, output };
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A line under a card's counts when some of its operations have a path or method that is our guess. */
function inferredNote(v) {
  const n = v.operations.filter((o) => o.inferred).length;
  if (n === 0) return "";
  return `<p class="inferred" data-stat="inferred"><span class="badge badge-warn">Inferred</span> ${plural(n, "operation")} with a path or method the vendor's doc does not give: marked on the page.</p>`;
}

/** The hand-written index page. Everything inline: no fonts, scripts or styles from elsewhere. */
export function renderIndex(vendors, { description, cliVersion }) {
  const totalOps = vendors.reduce((n, v) => n + v.operations.length, 0);
  const totalHooks = vendors.reduce((n, v) => n + v.webhooks.length, 0);
  const cards = vendors
    .map((v) => {
      const install = `npm i @inboxkit/${v.name}`;
      return `
      <article class="card" id="${escapeHtml(v.name)}">
        <header class="card-head">
          <span class="mark" aria-hidden="true">${escapeHtml(v.title.trim().charAt(0).toUpperCase())}</span>
          <div>
            <h2><a href="./${encodeURIComponent(v.name)}.html">${escapeHtml(v.title)}</a></h2>
            <p class="meta"><code>@inboxkit/${escapeHtml(v.name)}</code>${v.packageVersion ? ` <span class="badge" data-stat="package-version" title="Version of the npm package @inboxkit/${escapeHtml(v.name)} (its package.json)">package v${escapeHtml(v.packageVersion)}</span>` : ` <span class="badge badge-muted" data-stat="package-version" title="No packages/${escapeHtml(v.name)}/package.json yet">package unreleased</span>`}${v.version ? ` <span class="badge badge-muted" data-stat="api-version" title="Version of the vendor API the spec describes (info.version)">API v${escapeHtml(v.version)}</span>` : ""}${v.openapi ? ` <span class="badge badge-muted" title="OpenAPI version">OpenAPI ${escapeHtml(v.openapi)}</span>` : ""}</p>
          </div>
        </header>
        <p class="summary">${escapeHtml(v.summary)}</p>
        <dl class="stats">
          <div><dt>Operations</dt><dd data-stat="operations">${v.operations.length}</dd></div>
          <div><dt>Webhooks</dt><dd data-stat="webhooks">${v.webhooks.length}</dd></div>
          <div><dt>Tags</dt><dd data-stat="tags">${v.tags.length}</dd></div>
        </dl>
        ${inferredNote(v)}
        <div class="install">
          <pre><code><span class="prompt" aria-hidden="true">$</span> ${escapeHtml(install)}</code></pre>
          <button type="button" class="copy" data-copy="${escapeHtml(install)}" aria-label="Copy install command for ${escapeHtml(v.name)}">Copy</button>
        </div>
        <footer class="card-foot">
          <a class="button" href="./${encodeURIComponent(v.name)}.html">Read the API reference <span aria-hidden="true">→</span></a>
          <span class="source">${escapeHtml(v.spec)}</span>
        </footer>
      </article>`;
    })
    .join("\n");

  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>InboxKit · API reference</title>
  <meta name="description" content="${escapeHtml(description)}">
  <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%230f766e'/%3E%3Cpath d='M7 11h18v11H7z' fill='none' stroke='white' stroke-width='2.5'/%3E%3Cpath d='M7 17h6l1.5 2.5h3L19 17h6' fill='none' stroke='white' stroke-width='2.5'/%3E%3C/svg%3E">
  <style>
    :root {
      --bg: #f6f7f9; --surface: #ffffff; --text: #172033; --muted: #5b6578; --line: #e2e6ee;
      --accent: #0f766e; --accent-strong: #0b5e58; --accent-soft: #e6f4f2;
      --hero-from: #0f1b33; --hero-to: #123c4a; --code-bg: #0f1b33; --code-text: #e6edf7;
      --radius: 14px; --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 6px 20px rgba(16, 24, 40, .06);
      --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
      --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #0d1320; --surface: #141c2d; --text: #e6ebf4; --muted: #9aa6bb; --line: #243049;
        --accent: #2dd4bf; --accent-strong: #5eead4; --accent-soft: #123a3a;
        --hero-from: #0a1222; --hero-to: #0f2e3a; --code-bg: #0a1020; --shadow: none;
      }
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: var(--bg); color: var(--text); font: 16px/1.6 var(--font); }
    a { color: var(--accent); }
    code, pre { font-family: var(--mono); }
    .wrap { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
    .hero { background: linear-gradient(135deg, var(--hero-from), var(--hero-to)); color: #f4f7fb; padding: 44px 0 68px; }
    .brand { display: inline-flex; align-items: center; gap: 10px; font-weight: 700; letter-spacing: .02em; color: #9ee6dc; text-transform: uppercase; font-size: 13px; }
    .brand svg { width: 26px; height: 26px; }
    .hero h1 { margin: 14px 0 10px; font-size: clamp(30px, 4.4vw, 44px); line-height: 1.15; letter-spacing: -.02em; }
    .hero p { margin: 0; max-width: 46em; color: #c7d2e2; font-size: 18px; }
    .totals { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 26px; padding: 0; list-style: none; }
    .totals li { background: rgba(255, 255, 255, .08); border: 1px solid rgba(255, 255, 255, .14); border-radius: 999px; padding: 4px 14px; font-size: 14px; color: #e3eaf4; }
    .totals strong { color: #fff; }
    main { margin-top: -32px; padding-bottom: 48px; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 20px; }
    @media (max-width: 420px) { .grid { grid-template-columns: 1fr; } .wrap { padding: 0 16px; } }
    .card { display: flex; flex-direction: column; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); padding: 22px 24px 18px; }
    .card-head { display: flex; gap: 14px; align-items: flex-start; }
    .mark { flex: none; display: grid; place-items: center; width: 44px; height: 44px; border-radius: 11px; background: var(--accent-soft); color: var(--accent-strong); font-weight: 800; font-size: 20px; }
    .card h2 { margin: 0; font-size: 20px; line-height: 1.3; letter-spacing: -.01em; }
    .card h2 a { color: var(--text); text-decoration: none; }
    .card h2 a:hover { color: var(--accent); }
    .meta { margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; font-size: 13px; color: var(--muted); }
    .meta code { font-size: 13px; }
    .badge { display: inline-block; border-radius: 999px; padding: 0 9px; font-size: 12px; font-weight: 600; background: var(--accent-soft); color: var(--accent-strong); }
    .badge-warn { background: #fef3c7; color: #92400e; }
    .inferred { margin: -4px 0 14px; font-size: 13px; color: var(--muted); }
    .badge-muted { background: transparent; border: 1px solid var(--line); color: var(--muted); font-weight: 500; }
    .summary { margin: 16px 0 18px; color: var(--muted); flex: 1; }
    .stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin: 0 0 16px; }
    .stats div { border: 1px solid var(--line); border-radius: 10px; padding: 8px 12px; }
    .stats dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; }
    .stats dd { margin: 0; font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
    .install { display: flex; align-items: center; gap: 8px; margin-bottom: 16px; background: var(--code-bg); border-radius: 10px; padding: 6px 6px 6px 14px; }
    .install pre { flex: 1; min-width: 0; margin: 0; padding: 4px 0; background: none; color: var(--code-text); overflow-x: auto; font-size: 13.5px; white-space: pre; }
    .prompt { color: #7dd3c7; user-select: none; }
    .copy { flex: none; border: 1px solid rgba(255, 255, 255, .2); background: rgba(255, 255, 255, .08); color: #e6edf7; border-radius: 7px; font: 600 12px var(--font); padding: 5px 10px; cursor: pointer; }
    .copy:hover { background: rgba(255, 255, 255, .16); }
    .card-foot { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: center; justify-content: space-between; }
    .button { display: inline-flex; gap: 6px; align-items: center; background: var(--accent); color: #fff; text-decoration: none; font-weight: 600; border-radius: 9px; padding: 8px 14px; }
    .button:hover { background: var(--accent-strong); }
    @media (prefers-color-scheme: dark) { .button { color: #04201d; } }
    .source { font: 12px var(--mono); color: var(--muted); }
    .page-foot { border-top: 1px solid var(--line); color: var(--muted); font-size: 14px; padding: 22px 0 40px; }
    a:focus-visible, button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  </style>
</head>
<body>
  <header class="hero">
    <div class="wrap">
      <span class="brand"><svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#0f766e"/><path d="M7 11h18v11H7z" fill="none" stroke="#fff" stroke-width="2.5"/><path d="M7 17h6l1.5 2.5h3L19 17h6" fill="none" stroke="#fff" stroke-width="2.5"/></svg>InboxKit</span>
      <h1>API reference</h1>
      <p>${escapeHtml(description)}</p>
      <ul class="totals">
        <li><strong>${vendors.length}</strong> ${vendors.length === 1 ? "vendor" : "vendors"}</li>
        <li><strong>${totalOps}</strong> ${totalOps === 1 ? "operation" : "operations"}</li>
        <li><strong>${totalHooks}</strong> ${totalHooks === 1 ? "webhook" : "webhooks"}</li>
      </ul>
    </div>
  </header>
  <main class="wrap">
    <section class="grid" aria-label="Vendor APIs">
${cards}
    </section>
  </main>
  <footer class="wrap page-foot">
    Each page is a self-contained Redoc build (@redocly/cli ${escapeHtml(cliVersion)}) of the vendor's OpenAPI spec and works offline.
    Generated by <code>scripts/build-docs.mjs</code>; ${plural(vendors.length, "spec")} listed in <code>redocly.yaml</code>.
    Try any of them locally, without an account: <code>npx @inboxkit/mock &lt;vendor&gt;</code> serves a mock from the spec.
  </footer>
  <script>
    for (const button of document.querySelectorAll("button.copy")) {
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(button.dataset.copy);
          button.textContent = "Copied";
        } catch {
          button.textContent = "Copy failed";
        }
        setTimeout(() => (button.textContent = "Copy"), 1500);
      });
    }
  </script>
</body>
</html>
`;
}

async function main() {
  const started = performance.now();
  const apis = await listApis();
  console.log(`build-docs: ${apis.length} APIs in redocly.yaml (${apis.map((a) => a.name).join(", ")}) → ${relative(process.cwd(), OUT_DIR) || "."}/`);
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });

  const vendors = [];
  const failures = [];
  for (const api of apis) {
    process.stdout.write(`  ${api.name.padEnd(12)} ${api.spec} … `);
    try {
      const facts = await readSpecFacts(api);
      const { ms, size } = await buildApi(facts);
      vendors.push(facts);
      console.log(
        `ok ${seconds(ms)}  ${(size / 1024).toFixed(0)} KiB  "${facts.title}" v${facts.version}, ` +
          `${plural(facts.operations.length, "operation")}, ${plural(facts.webhooks.length, "webhook")}`,
      );
    } catch (error) {
      console.log("FAILED");
      failures.push({ api, error });
      const output = error.output ? withoutBanners(error.output) : "";
      console.error(`    ${error.message}${output ? `\n${output.replace(/^/gm, "    | ")}` : ""}`);
    }
  }
  if (failures.length) {
    console.error(
      `\nbuild-docs: FAILED for ${failures.map((f) => `${f.api.name} (${f.api.spec})`).join(", ")}; ` +
        `fix the spec(s) above (\`./node_modules/.bin/redocly lint ${failures.map((f) => f.api.name).join(" ")}\` helps). ` +
        "No index was written.",
    );
    process.exit(1);
  }

  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  const cli = JSON.parse(await readFile(join(root, "node_modules", "@redocly", "cli", "package.json"), "utf8"));
  const index = renderIndex(vendors, { description: pkg.description ?? "", cliVersion: cli.version });
  await writeFile(join(OUT_DIR, "index.html"), index);
  console.log(`  ${"index".padEnd(12)} docs-site/index.html (${(Buffer.byteLength(index) / 1024).toFixed(1)} KiB, ${plural(vendors.length, "vendor")})`);
  console.log(`build-docs: done in ${seconds(performance.now() - started)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`build-docs: ${error.stack ?? error}`);
    process.exit(1);
  });
}
