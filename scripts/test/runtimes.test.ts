// Cross-runtime test: the promise "Node >= 18, browsers, Deno, Bun and edge runtimes (fetch only, no
// Node built-ins in runtime code)", checked for real.
//
//   cd /work/main && ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/runtimes.test.ts
//
// 1. Static: each vendor package's ESM entry (packages/<v>/dist/index.js) is bundled with
//    @inboxkit/runtime and openapi-fetch by esbuild with platform "neutral" (no Node resolution, no
//    Node built-ins). The bundle must import nothing (no `node:` or bare import left external, no
//    `require(`) and use no Node global (Buffer, __dirname, setImmediate…; `process` only behind a
//    `typeof process` guard, as openapi-fetch does). The bundles go to a temp dir and are reused below.
// 2. Dynamic: one scenario (scripts/test/runtimes/scenario.mjs, plain ESM running each vendor's
//    scripts/test/runtimes/vendors/<vendor>.scenario.mjs on its bundle) runs
//    against a mock server (node:http on 127.0.0.1, a free port, CORS on) in: the current Node,
//    Node 18, 22 and 24 (`npx -y node@N`), Bun (`npx -y bun@1`), Deno (`npx -y deno run`, network
//    limited to the mock server, reads limited to the temp dir) and headless Debian Chromium
//    (playwright-core; the page is loaded from http://localhost:<port> and calls the API at
//    http://127.0.0.1:<port>, so every API call is a real cross-origin request with a CORS preflight).
//    Each vendor's part of the mock server is scripts/test/runtimes/vendors/<vendor>.server.ts, with
//    the result its scenario must return and the requests the server must see (e.g. Desk360: login +
//    sendText, a list retried after a 503, a send answered 429 that must NOT be re-sent, a
//    ValidationError before anything is sent). A new vendor joins by adding those two files.
//
// Edge runtimes (Cloudflare Workers, Vercel Edge, Deno Deploy) are not run: their constraints are
// "ESM, fetch and web globals only, no Node built-ins", which the neutral bundle check (nothing
// imported, no Node globals) plus the Deno and browser runs (web-platform fetch, Headers, AbortController,
// timers, no `process`) cover.
//
// A runtime that cannot be downloaded (npx answers no, registry unreachable) FAILS its test: nothing
// is skipped. Set npm_config_cache=<dir> to run with a separate npx cache (e.g. a cold one).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { builtinModules } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import type { Duplex } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Metafile, type Plugin } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { CHROMIUM_ARGS, ensureChromium } from "../ensure-chromium.mjs";
import type { VendorMock } from "./runtimes/vendors/types.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SCENARIO_DIR = join(ROOT, "scripts", "test", "runtimes");
/** Every vendor API named in redocly.yaml (each has its package under packages/). */
const VENDORS = Object.keys((parseYaml(readFileSync(join(ROOT, "redocly.yaml"), "utf8")) as { apis: Record<string, unknown> }).apis);
const DOWNLOAD_TIMEOUT_MS = 180_000;

// ---------------------------------------------------------------------------------------------------
// Each vendor's part: vendors/<vendor>.scenario.mjs (runs in every runtime) and vendors/<vendor>.server.ts
// (the mock server's side, with what the scenario must return and the requests the server must see).

const MOCKS: Record<string, VendorMock> = {};
for (const vendor of VENDORS) {
  const mod = (await import(pathToFileURL(join(SCENARIO_DIR, "vendors", `${vendor}.server.ts`)).href)) as { mock: VendorMock };
  MOCKS[vendor] = mod.mock;
}
/** What every runtime must report: `{ <vendor>: <that vendor's expected result> }`. */
const EXPECTED = Object.fromEntries(VENDORS.map((v) => [v, (MOCKS[v] as VendorMock).expected]));
/** The API requests of one run, in order (vendors run one after another), with the status answered. */
const EXPECTED_LOG = VENDORS.flatMap((v) => (MOCKS[v] as VendorMock).expectedLog);

// ---------------------------------------------------------------------------------------------------
// The mock server: every vendor per run (/run/<id>/<vendor>/…), the scenario files (/static/…), CORS.

interface RunState {
  log: string[];
  counts: Record<string, number>;
  preflights: number;
  problems: string[];
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-allow-headers": ["authorization", "content-type", "accept", ...VENDORS.flatMap((v) => MOCKS[v]?.corsHeaders ?? [])].join(", "),
  "access-control-expose-headers": "retry-after, link, x-request-id, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset",
  "access-control-max-age": "0",
};

const STATIC_TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".mjs": "text/javascript; charset=utf-8" };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => ok(text));
    req.on("error", fail);
  });
}

function startMockServer(staticDir: string): Promise<{ server: Server; port: number; runs: Map<string, RunState> }> {
  const runs = new Map<string, RunState>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...CORS, "content-type": "application/json", "cache-control": "no-store", ...headers });
      res.end(JSON.stringify(body));
    };

    const file = /^\/static\/([\w-]+(?:\.[\w-]+)*)$/.exec(url.pathname)?.[1];
    const type = file ? STATIC_TYPES[extname(file)] : undefined;
    if (file && type) {
      const body = await readFile(join(staticDir, file)).catch(() => undefined);
      if (!body) return send(404, { error: `no file ${file}` });
      res.writeHead(200, { ...CORS, "content-type": type, "cache-control": "no-store" });
      res.end(body);
      return;
    }

    const match = /^\/run\/([\w-]+)(\/.*)$/.exec(url.pathname);
    if (!match) return send(404, { error: { code: "not_found", message: `no route ${url.pathname}` } });
    const [, id, path] = match as unknown as [string, string, string];
    let run = runs.get(id);
    if (!run) runs.set(id, (run = { log: [], counts: {}, preflights: 0, problems: [] }));
    const state = run;

    if (method === "OPTIONS") {
      state.preflights++;
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (method === "GET" && path === "/_stats") return send(200, state.counts);

    const key = `${method} ${path}`;
    const n = (state.counts[key] = (state.counts[key] ?? 0) + 1);
    const text = await readBody(req);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      state.log.push(`${key} → ${status}`);
      send(status, body, headers);
    };
    const bad = (problem: string) => {
      state.problems.push(`${key}: ${problem}`);
      reply(400, { status: "error", error: { code: "test_server_rejected", message: problem }, message: problem });
    };
    let json: Record<string, unknown> = {};
    if (text && /json/.test(String(req.headers["content-type"]))) {
      try {
        json = JSON.parse(text);
      } catch {
        return bad(`body is not JSON: ${text.slice(0, 100)}`);
      }
    }
    const vendor = /^\/([\w-]+)\//.exec(path)?.[1];
    const mock = vendor ? MOCKS[vendor] : undefined;
    if (!mock) return reply(404, { error: { code: "not_found", message: `no vendor for ${key}` } });
    await mock.handle({ req, id, method, path, query: url.searchParams, key, n, text, json, reply, bad });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500, { ...CORS, "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  // Websocket upgrades under /run/<id>/<vendor>/ go to that vendor's `upgrade` (see vendors/types.ts).
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const match = /^\/run\/([\w-]+)\/([\w-]+)\//.exec(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const mock = match ? MOCKS[match[2] as string] : undefined;
    if (!match || !mock?.upgrade) return void socket.destroy();
    mock.upgrade({ req, socket, head, id: match[1] as string });
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok({ server, port: (server.address() as AddressInfo).port, runs }));
  });
}

// ---------------------------------------------------------------------------------------------------
// Static check: neutral bundles.

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Keeps every Node built-in external (instead of a build error) so the check can name it. */
const reportNodeBuiltins: Plugin = {
  name: "report-node-builtins",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("node:") || NODE_BUILTINS.has(args.path) ? { path: args.path, external: true } : undefined));
  },
};

interface BundleResult {
  file?: string;
  imports?: Metafile["outputs"][string]["imports"];
  inputs?: string[];
  nodeGlobals?: string[];
  requires?: number;
  error?: string;
}

async function bundleVendor(vendor: string, outDir: string): Promise<BundleResult> {
  // .mjs, not .js: Node 18 treats a .js file outside a "type": "module" package as CommonJS.
  const outfile = join(outDir, `${vendor}.mjs`);
  try {
    const result = await build({
      entryPoints: [join(ROOT, "packages", vendor, "dist", "index.js")],
      bundle: true,
      platform: "neutral",
      format: "esm",
      target: "es2020",
      outfile,
      metafile: true,
      logLevel: "silent",
      plugins: [reportNodeBuiltins],
    });
    const text = await readFile(outfile, "utf8");
    const output = result.metafile.outputs[Object.keys(result.metafile.outputs)[0] as string];
    const nodeGlobals = text
      .split("\n")
      .filter((line) => /\b(Buffer|__dirname|__filename|setImmediate|global)\b/.test(line) || (/\bprocess\b/.test(line) && !/typeof process\b/.test(line)))
      .map((line) => line.trim().slice(0, 160));
    return {
      file: outfile,
      imports: output?.imports ?? [],
      inputs: Object.keys(result.metafile.inputs),
      nodeGlobals,
      requires: (text.match(/require\s*\(/g) ?? []).length, // also esbuild's __require( shim
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Running a runtime.

const children = new Set<ChildProcess>();

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Ran> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" };
  delete env.NODE_OPTIONS; // vitest's options are not for Node 18 / Bun / Deno
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    children.add(child);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.on("data", (c) => (stdout += c));
    child.stderr?.on("data", (c) => (stderr += c));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      children.delete(child);
      fail(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      ok({ code, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** Kills a child we started and its own process group (npx → the runtime binary). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

interface Outcome {
  runtime: string;
  result: unknown;
}

function parseOutcome(ran: Ran, label: string): Outcome {
  const line = ran.stdout.trim().split("\n").filter((l) => l.startsWith("{")).at(-1);
  if (ran.timedOut || ran.code !== 0 || !line) {
    throw new Error(
      `${label} ${ran.timedOut ? "timed out" : `exited with ${ran.code ?? ran.signal}`}` +
        `${line ? "" : " without a result line"}\n--- stdout ---\n${ran.stdout.slice(-3000)}\n--- stderr ---\n${ran.stderr.slice(-3000)}`,
    );
  }
  return JSON.parse(line) as Outcome;
}

// ---------------------------------------------------------------------------------------------------

let workDir: string;
let server: Server;
let port: number;
let runs: Map<string, RunState>;
const bundles: Record<string, BundleResult> = {};
const summary: string[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "inboxkit-runtimes-"));
  console.log(`[runtimes] work dir ${workDir}`);
  for (const vendor of VENDORS) {
    const started = performance.now();
    bundles[vendor] = await bundleVendor(vendor, workDir);
    console.log(`[runtimes] bundled ${vendor} (neutral) in ${(performance.now() - started).toFixed(0)} ms${bundles[vendor].error ? `: ERROR ${bundles[vendor].error}` : ""}`);
  }
  for (const name of ["scenario.mjs", "run.mjs", "index.html"]) await copyFile(join(SCENARIO_DIR, name), join(workDir, name));
  // vendors.mjs: each vendor's bundle and its scenario, in redocly.yaml order (static imports, so
  // every runtime, the browser included, loads them the same way).
  let list = "";
  for (const vendor of VENDORS) {
    await copyFile(join(SCENARIO_DIR, "vendors", `${vendor}.scenario.mjs`), join(workDir, `${vendor}.scenario.mjs`));
    const id = vendor.replace(/\W/g, "_");
    list += `import * as ${id}Lib from "./${vendor}.mjs";\nimport { scenario as ${id}Scenario } from "./${vendor}.scenario.mjs";\n`;
  }
  list += `export const vendors = [${VENDORS.map((v) => `{ name: ${JSON.stringify(v)}, lib: ${v.replace(/\W/g, "_")}Lib, scenario: ${v.replace(/\W/g, "_")}Scenario }`).join(", ")}];\n`;
  await writeFile(join(workDir, "vendors.mjs"), list);
  ({ server, port, runs } = await startMockServer(workDir));
  console.log(`[runtimes] mock server on http://127.0.0.1:${port}`);
});

afterAll(async () => {
  for (const child of children) killGroup(child);
  if (server) await new Promise<void>((ok) => server.close(() => ok()));
  if (workDir) await rm(workDir, { recursive: true, force: true });
  console.log(`[runtimes] summary\n${summary.map((s) => `  ${s}`).join("\n")}`);
});

describe("static: each vendor's ESM entry bundles for platform neutral with nothing imported", () => {
  it.each(VENDORS)("%s", (vendor) => {
    const b = bundles[vendor] as BundleResult;
    expect(b.error, "the neutral bundle must build").toBeUndefined();
    // The bundle really contains the package, the runtime and openapi-fetch (not an empty shell).
    expect(b.inputs?.some((p) => p.includes(`packages/${vendor}/dist/index.js`))).toBe(true);
    expect(b.inputs?.some((p) => p.includes("packages/runtime/dist/index.js"))).toBe(true);
    expect(b.inputs?.some((p) => p.includes("openapi-fetch"))).toBe(true);
    expect(b.imports, "imports left in the bundle (node: built-ins or unresolved packages)").toEqual([]);
    expect(b.requires, "require( calls in the bundle").toBe(0);
    expect(b.nodeGlobals, "Node globals used in the bundle").toEqual([]);
    summary.push(`static ${vendor}: ok (${b.inputs?.length} inputs, nothing imported)`);
  });
});

/** Checks one run's outcome against EXPECTED and the server's log of the run. */
function checkRun(id: string, label: string, outcome: Outcome, ms: number): void {
  const state = runs.get(id);
  console.log(`[runtimes] ${label}: ${outcome.runtime} in ${(ms / 1000).toFixed(1)} s → ${JSON.stringify(outcome.result)}`);
  expect(outcome.result).toEqual(EXPECTED);
  expect(state?.problems, "requests the mock server rejected").toEqual([]);
  expect(state?.log, "the API requests the server saw").toEqual(EXPECTED_LOG);
  summary.push(`${label}: ${outcome.runtime}, ${(ms / 1000).toFixed(1)} s, ok`);
}

const COMMAND_LINE_RUNTIMES: { label: string; id: string; runtime: RegExp; command: (base: string) => [string, string[]] }[] = [
  { label: "node (current)", id: "node-current", runtime: /^node \d+\./, command: (base) => [process.execPath, ["run.mjs", base]] },
  { label: "node@18", id: "node18", runtime: /^node 18\./, command: (base) => ["npx", ["-y", "node@18", "run.mjs", base]] },
  { label: "node@22", id: "node22", runtime: /^node 22\./, command: (base) => ["npx", ["-y", "node@22", "run.mjs", base]] },
  { label: "node@24", id: "node24", runtime: /^node 24\./, command: (base) => ["npx", ["-y", "node@24", "run.mjs", base]] },
  { label: "bun@1", id: "bun1", runtime: /^bun 1\./, command: (base) => ["npx", ["-y", "bun@1", "run.mjs", base]] },
  {
    label: "deno",
    id: "deno",
    runtime: /^deno \d+\./,
    command: (base) => ["npx", ["-y", "deno", "run", `--allow-net=127.0.0.1:${port}`, `--allow-read=${workDir}`, "run.mjs", base]],
  },
];

describe("the scenario runs unchanged in every runtime", () => {
  it.each(COMMAND_LINE_RUNTIMES)(
    "$label",
    async ({ label, id, runtime, command }) => {
      const base = `http://127.0.0.1:${port}/run/${id}`;
      const [cmd, args] = command(base);
      console.log(`[runtimes] ${label}: $ ${cmd} ${args.join(" ")}`);
      const ran = await run(cmd, args, workDir, DOWNLOAD_TIMEOUT_MS - 5_000);
      const outcome = parseOutcome(ran, `${cmd} ${args.join(" ")}`);
      expect(outcome.runtime).toMatch(runtime);
      checkRun(id, label, outcome, ran.ms);
    },
    DOWNLOAD_TIMEOUT_MS,
  );

  it(
    "chromium (headless, cross-origin page → API)",
    async () => {
      const started = performance.now();
      const executablePath = ensureChromium();
      let browser: Browser | undefined;
      try {
        browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
        const page = await browser.newPage();
        const pageErrors: string[] = [];
        const consoleErrors: string[] = [];
        const hosts = new Set<string>();
        page.on("pageerror", (error) => pageErrors.push(error.message));
        page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
        page.on("request", (request) => hosts.add(new URL(request.url()).host));
        const id = "chromium";
        const base = `http://127.0.0.1:${port}/run/${id}`;
        // The page's origin (localhost) differs from the API's (127.0.0.1): every call is cross-origin.
        const response = await page.goto(`http://localhost:${port}/static/index.html#${encodeURIComponent(base)}`);
        expect(response?.status()).toBe(200);
        await page.waitForFunction(() => (window as unknown as { __outcome?: unknown }).__outcome !== undefined, undefined, { timeout: 30_000 }).catch(() => {
          throw new Error(`the page never started the scenario; page errors: ${JSON.stringify(pageErrors)}, console errors: ${JSON.stringify(consoleErrors)}`);
        });
        const outcome = (await page.evaluate(() => (window as unknown as { __outcome: Promise<unknown> }).__outcome)) as Outcome & { error?: string };
        expect(outcome.error, "the scenario threw in the page").toBeUndefined();
        expect(outcome.runtime).toMatch(/^chromium \d+\./);
        checkRun(id, `chromium (${browser.version()})`, outcome, performance.now() - started);
        expect(pageErrors).toEqual([]);
        expect([...hosts].sort()).toEqual([`127.0.0.1:${port}`, `localhost:${port}`]);
        expect(runs.get(id)?.preflights, "CORS preflights (cross-origin calls with Authorization)").toBeGreaterThan(0);
      } finally {
        await browser?.close();
      }
    },
    DOWNLOAD_TIMEOUT_MS,
  );
});
