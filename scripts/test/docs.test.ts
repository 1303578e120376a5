// Docs site test: builds docs-site/ with scripts/build-docs.mjs, serves it on 127.0.0.1 and opens
// every page in Debian's Chromium (playwright-core, never `playwright install`).
//
//   cd /work/main && node scripts/ensure-chromium.mjs && \
//     ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/docs.test.ts
//
// Per vendor (every API in redocly.yaml) it checks that Redoc really rendered in the browser (the app
// hydrated, the title/h1 come from info.title), that every operation and webhook of the spec is in
// the sidebar and renders its heading when opened, that no script error happened, and that the page
// made no request to any host other than 127.0.0.1 (the pages are built with --inlineBundle and must
// work offline). Each page must open with the SDK (the package README, install line first) and show
// the generated TypeScript and curl code samples of an operation in the right panel. It also checks
// the index page: one card per vendor with the spec's title and counts, the package's version and the
// API's version (labelled), working links to every page, the install line, and no external request either.
// Screenshots: /tmp/docs-index.png, /tmp/docs-helpwise.png, /tmp/docs-helpwise-operation.png.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { decorateForDocs } from "../build-docs.mjs";
import { CURL_LABEL, TYPESCRIPT_LABEL } from "../docs/code-samples.mjs";
import { docsContext } from "../docs/context.mjs";
import { OVERVIEW_HEADING, SDK_HEADING } from "../docs/sdk-section.mjs";
import { CHROMIUM_ARGS, ensureChromium } from "../ensure-chromium.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SITE = join(ROOT, "docs-site");
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface Vendor {
  name: string;
  spec: string;
  title: string;
  version: string;
  /** Summaries of the operations (paths) and webhooks, as the reader sees them in the docs. */
  operations: string[];
  webhooks: string[];
  /** Summaries of the operations whose path or method is our guess (`x-inferred: true`). */
  inferred: string[];
  /** `version` of packages/<name>/package.json (undefined when the vendor has no package yet). */
  packageVersion: string | undefined;
  /** The generated code samples (TypeScript, curl) of each operation, by operationId, as the build makes them. */
  samples: Map<string, { typescript: string; curl: string }>;
}

/** The vendors, read from redocly.yaml and the specs themselves (independently of the build script). */
async function readVendors(): Promise<Vendor[]> {
  const config = parse(await readFile(join(ROOT, "redocly.yaml"), "utf8"));
  const vendors: Vendor[] = [];
  for (const [name, api] of Object.entries<{ root: string }>(config.apis)) {
    const doc = parse(await readFile(join(ROOT, api.root), "utf8"));
    const summaries = (items: Record<string, Record<string, { summary?: string }>> | undefined) =>
      Object.values(items ?? {}).flatMap((item) =>
        HTTP_METHODS.filter((m) => item?.[m]).map((m) => {
          const summary = item[m].summary;
          if (!summary) throw new Error(`${api.root}: an operation has no summary (lint requires one)`);
          return summary.trim();
        }),
      );
    const inferred = Object.values<Record<string, { summary?: string; "x-inferred"?: boolean }>>(doc.paths ?? {}).flatMap((item) =>
      HTTP_METHODS.filter((m) => item?.[m]?.["x-inferred"] === true).map((m) => String(item[m]?.summary).trim()),
    );
    const pkgFile = join(ROOT, "packages", name, "package.json");
    const packageVersion = existsSync(pkgFile) ? String(JSON.parse(await readFile(pkgFile, "utf8")).version) : undefined;
    const samples = new Map<string, { typescript: string; curl: string }>();
    const decorated = decorateForDocs(doc, await docsContext(name, doc));
    for (const item of Object.values<Record<string, { operationId?: string; "x-codeSamples"?: { label?: string; source: string }[] }>>(decorated.paths ?? {})) {
      for (const m of HTTP_METHODS) {
        const op = item?.[m];
        if (!op?.operationId) continue;
        const pick = (label: string) => op["x-codeSamples"]?.find((s) => s.label === label)?.source ?? "";
        samples.set(op.operationId, { typescript: pick(TYPESCRIPT_LABEL), curl: pick(CURL_LABEL) });
      }
    }
    vendors.push({
      name,
      spec: api.root,
      inferred,
      packageVersion,
      samples,
      title: String(doc.info.title),
      version: String(doc.info.version),
      operations: summaries(doc.paths),
      webhooks: summaries(doc.webhooks),
    });
  }
  return vendors;
}

const vendors = await readVendors();

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

/** A minimal static file server for docs-site/ on 127.0.0.1 and a free port. */
async function serveSite(): Promise<{ server: Server; base: string }> {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
      if (path.endsWith("/")) path += "index.html";
      const file = resolve(SITE, `.${path}`);
      if (!file.startsWith(SITE + sep)) throw new Error("outside the site");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function runBuild(): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts", "build-docs.mjs")], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 240_000,
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", fail);
    child.on("close", (code) => ok({ code, output, ms: performance.now() - started }));
  });
}

/** True for requests that leave the machine: any http(s)/ws(s) host other than 127.0.0.1. */
function isExternal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (!["http:", "https:", "ws:", "wss:"].includes(protocol)) return false; // data:, blob:, about:
  return hostname !== "127.0.0.1";
}

interface Recorded {
  page: Page;
  context: BrowserContext;
  requests: string[];
  external: string[];
  failedLocal: string[];
  pageErrors: string[];
}

/** A fresh context and page that records every request; external ones are also aborted. */
async function openPage(browser: Browser): Promise<Recorded> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const rec = { context, requests: [], external: [], failedLocal: [], pageErrors: [] } as unknown as Recorded;
  context.on("request", (request) => {
    rec.requests.push(request.url());
    if (isExternal(request.url())) rec.external.push(request.url());
  });
  context.on("response", (response) => {
    if (!isExternal(response.url()) && response.status() >= 400) rec.failedLocal.push(`${response.status()} ${response.url()}`);
  });
  await context.route((url) => isExternal(url.href), (route) => route.abort("blockedbyclient"));
  rec.page = await context.newPage();
  rec.page.on("pageerror", (error) => rec.pageErrors.push(error.message));
  return rec;
}

/** Heading text matches a summary: exactly, or followed by a one-word badge ("Webhook", "Deprecated"). */
function headingShows(heading: string, summary: string): boolean {
  if (heading === summary) return true;
  return heading.startsWith(summary) && /^\s*[A-Z][a-z]+$/.test(heading.slice(summary.length));
}

let browser: Browser;
let server: Server;
let base: string;

beforeAll(async () => {
  const executablePath: string = ensureChromium();
  const build = await runBuild();
  console.log(`docs build (${(build.ms / 1000).toFixed(2)} s wall):\n${build.output}`);
  if (build.code !== 0) throw new Error(`node scripts/build-docs.mjs exited with ${build.code}:\n${build.output}`);
  ({ server, base } = await serveSite());
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((ok) => server.close(() => ok()));
});

describe.each(vendors.map((v) => [v.name, v] as const))("%s docs page", (_name, vendor) => {
  it("renders every operation and webhook, offline", async () => {
    const rec = await openPage(browser);
    const { page } = rec;
    try {
      const response = await page.goto(`${base}/${vendor.name}.html`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);

      // Redoc hydrated: React owns the sidebar (the prerendered HTML alone has no React fibers).
      const menu = page.locator("[data-component-name='Menu/Menu']").first();
      await menu.waitFor();
      await page.waitForFunction(
        () => {
          const el = document.querySelector("[data-component-name='Menu/Menu']");
          return !!el && Object.keys(el).some((k) => k.startsWith("__reactFiber") || k.startsWith("__reactProps"));
        },
        undefined,
        { timeout: 30_000 },
      );

      expect(await page.title()).toContain(vendor.title);
      await expect.poll(() => page.locator("h1").first().textContent()).toContain(vendor.title);
      if (vendor.name === "helpwise") await page.screenshot({ path: "/tmp/docs-helpwise.png" });

      // Open every tag group of the sidebar (it is an accordion), list its operations, then open
      // each operation and wait for its heading. Then every heading shown is collected too.
      const headings = new Set<string>();
      const collectHeadings = async () => {
        for (const text of await page.locator("h1, h2, h3").allTextContents()) headings.add(text.replace(/\s+/g, " ").trim());
      };
      const sidebarOps = new Map<string, string>(); // href → label
      const groups = menu.locator("[data-component-name='Menu/MenuItem'].menu-item-type-group");
      const groupCount = await groups.count();
      expect(groupCount).toBeGreaterThan(0);
      for (let g = 0; g < groupCount; g++) {
        const group = groups.nth(g);
        const children = group.locator(":scope > div").last();
        if (!(await children.isVisible())) await group.locator(":scope > a").click();
        await children.waitFor({ state: "visible" });
        const ops = group.locator("[data-component-name='Menu/MenuItem'].menu-item-type-operation > a");
        const entries: [string, string][] = [];
        for (const link of await ops.all()) {
          const href = await link.getAttribute("href");
          const label = await link.locator("[data-text]").first().getAttribute("data-text");
          if (href && label) entries.push([href, label]);
        }
        for (const [href, label] of entries) {
          sidebarOps.set(href, label);
          // Redoc renders an operation only when it is reached, so every one is opened.
          await group.locator(`a[href="${href}"]`).click();
          // The operation's heading carries a deep-link anchor to the same route. Only that heading is
          // read here (reading every heading after each click is quadratic on a 92-operation page).
          const heading = page.locator(`:is(h1, h2, h3):has(a[href="${href}"])`).first();
          await heading.waitFor({ timeout: 15_000 });
          // Redoc moves the hash to the operation as it scrolls there: wait for it rather than sample it once.
          await expect.poll(() => page.url(), { timeout: 15_000 }).toContain(href);
          headings.add(((await heading.textContent()) ?? "").replace(/\s+/g, " ").trim());
          if (vendor.name === "helpwise" && sidebarOps.size === 1) await page.screenshot({ path: "/tmp/docs-helpwise-operation.png" });
        }
      }

      await collectHeadings();
      const expected = [...vendor.operations, ...vendor.webhooks];
      // The sidebar lists exactly the spec's operations and webhooks…
      expect([...sidebarOps.values()].sort()).toEqual([...expected].sort());
      // …and each one rendered a heading with its summary.
      const missing = expected.filter((summary) => ![...headings].some((h) => headingShows(h, summary)));
      expect(missing, `operation headings not rendered; saw: ${[...headings].join(" | ")}`).toEqual([]);

      // An operation whose path is our guess carries the "Inferred" badge in its heading; no other does.
      const badged = (summary: string) => [...headings].some((h) => h.startsWith(summary) && h.slice(summary.length).trim() === "Inferred");
      const unmarked = vendor.inferred.filter((summary) => !badged(summary));
      expect(unmarked, "x-inferred operations rendered without their Inferred mark").toEqual([]);
      const wronglyMarked = vendor.operations.filter((summary) => !vendor.inferred.includes(summary) && badged(summary));
      expect(wronglyMarked, "operations marked Inferred without x-inferred").toEqual([]);

      expect(rec.pageErrors).toEqual([]);
      expect(rec.failedLocal).toEqual([]);
      expect(rec.requests.length).toBeGreaterThan(0);
      expect(rec.external, "the page must not request anything outside 127.0.0.1").toEqual([]);
    } finally {
      await rec.context.close();
    }
  });

  it("opens with the SDK section (install line first) and shows an operation's TypeScript and curl samples", async () => {
    const rec = await openPage(browser);
    const { page } = rec;
    try {
      await page.goto(`${base}/${vendor.name}.html`, { waitUntil: "load" });
      const menu = page.locator("[data-component-name='Menu/Menu']").first();
      await menu.waitFor();

      // The sidebar's first section is the SDK; the spec's own description follows as the API overview.
      const groups = menu.locator("[data-component-name='Menu/MenuItem'].menu-item-type-group > a");
      await expect.poll(() => groups.first().textContent()).toBe(SDK_HEADING);
      // The install line is on the page, visible, and above the API overview (the page opens with it).
      const install = page.locator("pre", { hasText: `npm i @inboxkit/${vendor.name}` }).first();
      await install.waitFor({ state: "visible" });
      const overview = page.locator("h1", { hasText: OVERVIEW_HEADING }).first();
      if (await overview.count()) expect((await install.boundingBox())!.y).toBeLessThan((await overview.boundingBox())!.y);
      if (vendor.name === "desk360") await page.screenshot({ path: "/tmp/docs-desk360-sdk.png" });

      // Open the first operation of the first tag group that has one; its right panel shows the
      // TypeScript sample first, and curl behind the language switch.
      const opLinks = menu.locator("[data-component-name='Menu/MenuItem'].menu-item-type-operation > a");
      const groupCount = await groups.count();
      for (let g = 0; g < groupCount && (await opLinks.count()) === 0; g++) await groups.nth(g).click();
      const link = opLinks.first();
      await link.waitFor({ state: "visible" });
      const href = (await link.getAttribute("href")) ?? "";
      await link.click();
      // The route ends with the operationId, lower-cased.
      const routeId = decodeURIComponent(href.split("/").pop() ?? "").toLowerCase();
      const operationId = [...vendor.samples.keys()].find((id) => id.toLowerCase() === routeId);
      const expected = operationId ? vendor.samples.get(operationId) : undefined;
      expect(expected, `no generated samples for ${operationId} (from ${href})`).toBeDefined();
      // The samples panel: the one whose header has the language switch, showing `label`.
      const samplesPanel = (label: string) =>
        page
          .locator("[data-component-name='Panel/Panel']:visible")
          .filter({ has: page.locator("[data-component-name='Panel/PanelHeader'] button", { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
          .first();
      const panel = samplesPanel(TYPESCRIPT_LABEL);
      await panel.waitFor({ state: "visible", timeout: 15_000 });
      const code = panel.locator("[data-testid=source-code]").first();
      const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
      await expect.poll(async () => squash(await code.textContent())).toBe(squash(expected!.typescript));
      if (vendor.name === "desk360") await page.screenshot({ path: "/tmp/docs-desk360-sample.png" });

      await panel.locator("[data-component-name='Panel/PanelHeader'] button", { hasText: TYPESCRIPT_LABEL }).click();
      // A dispatched click: on a loaded machine Redoc may still be scrolling to the operation, and a
      // pointer click then keeps finding the menu item outside the viewport.
      await page.locator("[role=menuitem]:visible", { hasText: new RegExp(`^\\s*${CURL_LABEL}\\s*$`) }).first().dispatchEvent("click");
      await expect.poll(async () => squash(await samplesPanel(CURL_LABEL).locator("[data-testid=source-code]").first().textContent())).toBe(squash(expected!.curl));

      expect(rec.pageErrors).toEqual([]);
      expect(rec.external, "the page must not request anything outside 127.0.0.1").toEqual([]);
    } finally {
      await rec.context.close();
    }
  });
});

describe("docs index page", () => {
  it("links every vendor page, with the spec's title, package and API versions, counts and install line", async () => {
    const rec = await openPage(browser);
    const { page } = rec;
    try {
      const response = await page.goto(`${base}/index.html`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      await page.screenshot({ path: "/tmp/docs-index.png", fullPage: true });

      const cards = page.locator("article.card");
      expect(await cards.count()).toBe(vendors.length);
      for (const vendor of vendors) {
        const card = page.locator(`article.card#${vendor.name}`);
        await expect.poll(() => card.locator("h2").textContent()).toBe(vendor.title);
        // The package's real version and the spec's API version, each labelled.
        expect(await card.locator("[data-stat=package-version]").textContent()).toBe(vendor.packageVersion ? `package v${vendor.packageVersion}` : "package unreleased");
        expect(await card.locator("[data-stat=api-version]").textContent()).toBe(`API v${vendor.version}`);
        expect(await card.locator("[data-stat=operations]").textContent()).toBe(String(vendor.operations.length));
        expect(await card.locator("[data-stat=webhooks]").textContent()).toBe(String(vendor.webhooks.length));
        if (vendor.inferred.length) expect(await card.locator("[data-stat=inferred]").textContent()).toContain(`${vendor.inferred.length} operation`);
        else expect(await card.locator("[data-stat=inferred]").count()).toBe(0);
        expect((await card.locator(".install pre").textContent())?.replace(/\s+/g, " ")).toContain(`npm i @inboxkit/${vendor.name}`);
        expect((await card.locator(".summary").textContent())?.trim().length).toBeGreaterThan(20);
        const hrefs = await card.locator("a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
        expect(hrefs).toContain(`${base}/${vendor.name}.html`);
      }

      // Every link on the page resolves (same-origin ones fetched, none points elsewhere).
      const links = [...new Set(await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)))];
      expect(links.length).toBeGreaterThanOrEqual(vendors.length);
      for (const link of links) {
        expect(isExternal(link), `external link ${link}`).toBe(false);
        const res = await page.request.get(link);
        expect(res.status(), link).toBe(200);
      }

      // Following a card's link opens that vendor's Redoc page.
      const first = vendors[0];
      await page.locator(`article.card#${first.name} a.button`).click();
      await page.waitForURL(`${base}/${first.name}.html`);
      expect(await page.title()).toContain(first.title);

      expect(rec.pageErrors).toEqual([]);
      expect(rec.failedLocal).toEqual([]);
      expect(rec.external, "the index must not request anything outside 127.0.0.1").toEqual([]);
    } finally {
      await rec.context.close();
    }
  });
});
