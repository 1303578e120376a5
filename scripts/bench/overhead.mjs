#!/usr/bin/env node
// Per-call overhead of the Helpwise `mailboxes.list` call made four ways, side by side in one process:
//   raw fetch      fetch(url, { method: "POST", headers, body: JSON.stringify(params) }) + res.json()
//   openapi-fetch  createClient({ baseUrl, fetch, headers }).POST("/mailboxes/list", { body })
//   InboxKit       createHelpwiseClient({ apiKey, apiSecret, baseUrl, fetch }).mailboxes.list(params)
//                  (built dist: auth, retry policy, timeout, rate-limit tracking, validation, envelope)
//   InboxKit funcs mailboxesList(createHelpwiseCore({ apiKey, apiSecret, baseUrl, fetch }), params)
//                  (the standalone function over the core: the same pipeline, no operation table)
//   axios          axios.create({ baseURL, headers, adapter }).post("/mailboxes/list", params)
// in two modes:
//   stub      every variant gets the same in-process fetch that returns a fresh canned Response
//             (axios through its fetch adapter with `env: { fetch: stub }`)
//   loopback  real HTTP to a node:http server in another process (server.mjs) on 127.0.0.1
//             (the fetch variants use the global fetch, axios its default http adapter)
// Calls are sequential (one in flight). The variants are interleaved: each round runs every variant
// for a fixed number of calls, in an order rotated each round; the report gives medians over rounds.
//
// CLI (runs on whatever node starts it, e.g. `npx -y node@24 scripts/bench/overhead.mjs`):
//   node scripts/bench/overhead.mjs [--mode stub|loopback|both] [--rounds 40]
//                                   [--stub-calls 1000] [--loopback-calls 200] [--json out.json]
// As a module of run.mjs: `run(ctx)` runs this CLI on Node 20 (the current node) and on Node 24
// and returns the markdown section.
import { fork, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  API_KEY,
  API_SECRET,
  PARAMS,
  PATH,
  REQUEST_HEADERS,
  RESPONSE_BODY,
  checkResult,
  requestProblem,
  responseHeaders,
} from "./fixture.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const HELPWISE_DIST = join(root, "packages", "helpwise", "dist", "index.js");
const HELPWISE_CORE = join(root, "packages", "helpwise", "dist", "core.js");
const HELPWISE_FUNCS = join(root, "packages", "helpwise", "dist", "funcs.js");

export const name = "overhead";

/** Variant keys in report order, with labels. */
export const VARIANTS = [
  { key: "raw", label: "raw fetch" },
  { key: "openapi", label: "openapi-fetch (bare)" },
  { key: "inboxkit", label: "InboxKit (@inboxkit/helpwise)" },
  { key: "funcs", label: "InboxKit core + funcs" },
  { key: "axios", label: "axios" },
];
const BASELINE = "openapi";
const RAW = "raw";
/** The standalone function is compared with the client method it stands for. */
const CLIENT = "inboxkit";
const FUNCS = "funcs";

export const DEFAULTS = { rounds: 40, stubCalls: 1000, loopbackCalls: 200 };

// ---------------------------------------------------------------------------------------------
// statistics

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * Summarises one mode's rounds: per variant the median ops/s, the interquartile range, and the
 * median over rounds of the per-round ratio to openapi-fetch and to raw fetch (paired, so a slow
 * round slows every variant alike and cancels out).
 */
export function summarise(mode) {
  const out = {};
  for (const { key } of VARIANTS) {
    const ops = mode.ops[key];
    if (!ops) continue;
    const ratios = (base) => ops.map((v, i) => v / mode.ops[base][i]);
    const vsOpenapi = ratios(BASELINE);
    out[key] = {
      median: median(ops),
      q1: quantile(ops, 0.25),
      q3: quantile(ops, 0.75),
      vsOpenapi: median(vsOpenapi),
      vsOpenapiQ1: quantile(vsOpenapi, 0.25),
      vsOpenapiQ3: quantile(vsOpenapi, 0.75),
      vsRaw: median(ratios(RAW)),
      ...(key === FUNCS && mode.ops[CLIENT]
        ? { vsClient: median(ratios(CLIENT)), vsClientQ1: quantile(ratios(CLIENT), 0.25), vsClientQ3: quantile(ratios(CLIENT), 0.75) }
        : {}),
      usPerCall: 1e6 / median(ops),
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// the measuring side (CLI)

/** The in-process fetch of stub mode. Set `stub.recorded = []` to capture requests (verification only). */
export function createStubFetch() {
  const headers = responseHeaders();
  const stub = async function stubFetch(input, init) {
    if (stub.recorded) stub.recorded.push(await describeRequest(input, init));
    return new Response(RESPONSE_BODY, { status: 200, headers });
  };
  stub.recorded = null;
  return stub;
}

/** What a fetch call would have sent, for {@link requestProblem}. */
async function describeRequest(input, init = {}) {
  if (typeof input === "object" && input !== null && "url" in input && typeof input.text === "function") {
    // a Request (openapi-fetch, axios's fetch adapter)
    return {
      method: input.method,
      path: new URL(input.url).pathname,
      contentType: input.headers.get("content-type"),
      authorization: input.headers.get("authorization"),
      body: await input.text(),
    };
  }
  const headers = new Headers(init.headers);
  const body = init.body;
  return {
    method: init.method ?? "GET",
    path: new URL(String(input)).pathname,
    contentType: headers.get("content-type"),
    authorization: headers.get("authorization"),
    body: typeof body === "string" ? body : body == null ? "" : new TextDecoder().decode(body),
  };
}

/** Builds the four variants against `baseUrl`, all using `fetchImpl` (axios: see `axiosAdapter`). */
export async function createVariants({ baseUrl, fetchImpl, axiosConfig }) {
  const { default: createClient } = await import("openapi-fetch");
  const { default: axios } = await import("axios");
  const { createHelpwiseClient } = await import(pathToFileURL(HELPWISE_DIST).href);
  const { createHelpwiseCore } = await import(pathToFileURL(HELPWISE_CORE).href);
  const { mailboxesList } = await import(pathToFileURL(HELPWISE_FUNCS).href);

  const url = baseUrl + PATH;
  const openapi = createClient({ baseUrl, fetch: fetchImpl, headers: { Accept: REQUEST_HEADERS.Accept, Authorization: REQUEST_HEADERS.Authorization } });
  const helpwise = createHelpwiseClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl, fetch: fetchImpl });
  const core = createHelpwiseCore({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl, fetch: fetchImpl });
  const ax = axios.create({ baseURL: baseUrl, headers: { ...REQUEST_HEADERS }, ...axiosConfig });

  return {
    raw: async () => {
      const res = await fetchImpl(url, { method: "POST", headers: REQUEST_HEADERS, body: JSON.stringify(PARAMS) });
      if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
      const json = await res.json();
      return json.data;
    },
    openapi: async () => {
      const { data, error, response } = await openapi.POST(PATH, { body: { page: PARAMS.page, limit: PARAMS.limit } });
      if (error !== undefined) throw new Error(`openapi-fetch: HTTP ${response.status}`);
      return data.data;
    },
    inboxkit: () => helpwise.mailboxes.list({ page: PARAMS.page, limit: PARAMS.limit }),
    funcs: () => mailboxesList(core, { page: PARAMS.page, limit: PARAMS.limit }),
    axios: async () => {
      const res = await ax.post(PATH, { page: PARAMS.page, limit: PARAMS.limit });
      return res.data.data;
    },
  };
}

async function timeCalls(call, n) {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const result = await call();
    if (result.length !== 2) throw new Error("wrong result during timing");
  }
  return (n * 1000) / (performance.now() - started);
}

function fmtOps(n) {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : n >= 1000 ? `${(n / 1000).toFixed(2)}k` : n.toFixed(0);
}

/** Runs verification, warm-up and the interleaved rounds of one mode. */
async function measureMode(modeName, variants, { rounds, calls, verify, log }) {
  const keys = VARIANTS.map((v) => v.key);
  // 1. correctness, once per variant, before any timing
  for (const key of keys) await verify(key, variants[key]);
  log(`[${process.version} ${modeName}] verified: every variant sent the expected request and got 2 mailboxes`);
  // 2. warm-up (not recorded): half a round per variant, twice, interleaved
  for (let w = 0; w < 2; w++) for (const key of keys) await timeCalls(variants[key], Math.ceil(calls / 2));
  // 3. rounds
  const ops = Object.fromEntries(keys.map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    const order = keys.map((_, i) => keys[(i + r) % keys.length]);
    const thisRound = {};
    for (const key of order) thisRound[key] = await timeCalls(variants[key], calls);
    for (const key of keys) ops[key].push(thisRound[key]);
    const line = VARIANTS.map((v) => `${v.key} ${fmtOps(thisRound[v.key])}/s`).join("  ");
    log(`[${process.version} ${modeName}] round ${String(r + 1).padStart(2)}/${rounds}  ${line}  (order: ${order.join(",")})`);
  }
  return { calls, rounds, ops };
}

async function runStubMode(opts) {
  const stub = createStubFetch();
  const variants = await createVariants({
    baseUrl: "https://helpwise.bench.invalid",
    fetchImpl: stub,
    axiosConfig: { adapter: "fetch", env: { fetch: stub } },
  });
  const verify = async (key, call) => {
    stub.recorded = [];
    try {
      checkResult(key, await call());
      if (stub.recorded.length !== 1) throw new Error(`${key}: ${stub.recorded.length} fetch calls for one request`);
      const problem = requestProblem(stub.recorded[0]);
      if (problem) throw new Error(`${key}: sent a wrong request: ${problem}`);
    } finally {
      stub.recorded = null;
    }
  };
  return measureMode("stub", variants, { ...opts, calls: opts.stubCalls, verify });
}

async function startServer(log) {
  const child = fork(join(here, "server.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send("stop");
    else child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  };
  const pending = new Map();
  child.on("message", (m) => {
    const key = Object.keys(m)[0];
    pending.get(key)?.(m[key]);
    pending.delete(key);
  });
  const ask = (key, message, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`loopback server: no ${key} within ${timeoutMs} ms`)), timeoutMs);
      pending.set(key, (v) => {
        clearTimeout(timer);
        resolve(v);
      });
      if (message) child.send(message);
    });
  try {
    const port = await Promise.race([ask("port"), exited.then((code) => Promise.reject(new Error(`loopback server exited (${code})`)))]);
    log(`[${process.version} loopback] server pid ${child.pid} on http://127.0.0.1:${port}`);
    return { url: `http://127.0.0.1:${port}`, stats: () => ask("stats", "stats"), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function runLoopbackMode(opts) {
  const server = await startServer(opts.log);
  try {
    const variants = await createVariants({ baseUrl: server.url, fetchImpl: globalThis.fetch, axiosConfig: { adapter: "http" } });
    const verify = async (key, call) => {
      const before = await server.stats();
      checkResult(key, await call());
      const after = await server.stats();
      if (after.requests !== before.requests + 1) throw new Error(`${key}: ${after.requests - before.requests} requests for one call`);
      if (after.bad !== before.bad) throw new Error(`${key}: server rejected the request: ${after.lastProblem}`);
    };
    const result = await measureMode("loopback", variants, { ...opts, calls: opts.loopbackCalls, verify });
    const stats = await server.stats();
    if (stats.bad) throw new Error(`loopback server saw ${stats.bad} bad requests: ${stats.lastProblem}`);
    result.serverRequests = stats.requests;
    return result;
  } finally {
    await server.stop();
  }
}

function parseArgs(argv) {
  const opts = { mode: "both", json: undefined, ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--mode") opts.mode = value();
    else if (arg === "--rounds") opts.rounds = Number(value());
    else if (arg === "--stub-calls") opts.stubCalls = Number(value());
    else if (arg === "--loopback-calls") opts.loopbackCalls = Number(value());
    else if (arg === "--json") opts.json = value();
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!["stub", "loopback", "both"].includes(opts.mode)) throw new Error(`--mode must be stub, loopback or both`);
  for (const k of ["rounds", "stubCalls", "loopbackCalls"]) if (!(opts[k] >= 1)) throw new Error(`bad ${k}: ${opts[k]}`);
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = (line) => console.log(line);
  const result = { node: process.version, v8: process.versions.v8, platform: `${process.platform}-${process.arch}`, modes: {} };
  const started = Date.now();
  if (opts.mode !== "loopback") result.modes.stub = await runStubMode({ ...opts, log });
  if (opts.mode !== "stub") result.modes.loopback = await runLoopbackMode({ ...opts, log });
  result.seconds = (Date.now() - started) / 1000;
  if (opts.json) await writeFile(opts.json, JSON.stringify(result, null, 2));
  for (const [mode, data] of Object.entries(result.modes)) {
    console.log(`\n${process.version} ${mode}: median ops/s over ${data.rounds} rounds of ${data.calls} calls`);
    const s = summarise(data);
    for (const v of VARIANTS) {
      const r = s[v.key];
      console.log(`  ${v.label.padEnd(30)} ${r.median.toFixed(0).padStart(8)} ops/s  ${r.usPerCall.toFixed(1).padStart(7)} µs/call  ${r.vsOpenapi.toFixed(2)}× openapi-fetch  ${r.vsRaw.toFixed(2)}× raw fetch${r.vsClient ? `  ${r.vsClient.toFixed(2)}× the client method` : ""}`);
    }
  }
  console.log(`\ndone in ${result.seconds.toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// the reporting side (module of run.mjs)

/** The node versions the overhead benchmark runs on: the current node, and Node 24 through npx. */
function targets() {
  const script = fileURLToPath(import.meta.url);
  return [
    { label: "current node", cmd: process.execPath, args: [script] },
    { label: "Node 24 (npx -y node@24)", cmd: "npx", args: ["-y", "node@24", script] },
  ];
}

function runChild(cmd, args, log) {
  return new Promise((resolve, reject) => {
    log(`$ ${[cmd === process.execPath ? "node" : cmd, ...args.map((a) => a.replace(root + "/", ""))].join(" ")}`);
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${signal ?? code}`))));
  });
}

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const x = (n) => `${n.toFixed(2)}×`;

/**
 * Runs the benchmark on each target node and returns the markdown section.
 * @param {{ log: (line: string) => void, rounds?: number }} ctx
 */
export async function run(ctx) {
  const log = ctx.log ?? console.log;
  const dir = await mkdtemp(join(tmpdir(), "inboxkit-bench-"));
  const results = [];
  const failures = [];
  try {
    for (const [i, target] of targets().entries()) {
      const out = join(dir, `overhead-${i}.json`);
      const args = [...target.args, "--json", out];
      if (ctx.rounds) args.push("--rounds", String(ctx.rounds));
      try {
        await runChild(target.cmd, args, log);
        results.push(JSON.parse(await readFile(out, "utf8")));
      } catch (error) {
        failures.push(`${target.label}: ${error.message}`);
        log(`overhead on ${target.label} FAILED: ${error.message}`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (results.length === 0) throw new Error(`overhead benchmark failed on every node:\n${failures.join("\n")}`);
  return { markdown: renderMarkdown(results, failures), ok: failures.length === 0, nodes: results.map((r) => r.node) };
}

export function renderMarkdown(results, failures = []) {
  const first = results[0];
  const lines = [];
  lines.push("## Per-call overhead");
  lines.push("");
  lines.push(
    "One Helpwise `mailboxes.list` call (`POST /mailboxes/list`, JSON body `{\"page\":1,\"limit\":50}`, " +
      "response `{status, data: [2 mailboxes], message}` with `x-rate-limit-*` headers), made five ways:",
  );
  lines.push("");
  lines.push("- **raw fetch**: `fetch(url, { method: \"POST\", headers, body: JSON.stringify(params) })`, `res.ok` check, `res.json()`.");
  lines.push("- **openapi-fetch (bare)**: `createClient({ baseUrl, fetch, headers }).POST(\"/mailboxes/list\", { body })` (openapi-fetch 0.17.0, untyped).");
  lines.push(
    "- **InboxKit**: the built `@inboxkit/helpwise` dist, `createHelpwiseClient({ apiKey, apiSecret, baseUrl, fetch }).mailboxes.list({ page: 1, limit: 50 })` " +
      "with its defaults: parameter validation, auth header, retry policy, 60 s timeout (an AbortController and a timer per call), rate-limit header tracking, error mapping, envelope unwrapping.",
  );
  lines.push(
    "- **InboxKit core + funcs**: the same call as a standalone function, `mailboxesList(createHelpwiseCore({ apiKey, apiSecret, baseUrl, fetch }), { page: 1, limit: 50 })` " +
      "(`@inboxkit/helpwise/core` and `/funcs`, built dist): the same pipeline without the operation table.",
  );
  lines.push(
    "- **axios** 1.21.1: `axios.create({ baseURL, headers }).post(\"/mailboxes/list\", params)`; stubbed through its fetch adapter " +
      "(`adapter: \"fetch\", env: { fetch: stub }`), over loopback with its default Node http adapter.",
  );
  lines.push("");
  lines.push(
    "Every variant sends the same headers (`Accept`, `Content-Type: application/json`, `Authorization`) and JSON body and returns the parsed mailbox array; " +
      "before timing, each is checked once (the request it sent, and the 2 mailboxes it returned). " +
      "**Stubbed**: every variant gets the same in-process `fetch` that ignores the request and returns a fresh canned `new Response(...)`: " +
      "this isolates the client-side cost (request building, headers, body encoding, response parsing) but note that openapi-fetch and axios build a `Request` object " +
      "that a real `fetch` would otherwise build itself, so raw fetch is flattered here. " +
      "**Loopback**: real HTTP/1.1 keep-alive to a `node:http` server in another process on 127.0.0.1 that checks each request and answers with the same body; the fetch-based variants use the global `fetch` (undici).",
  );
  lines.push("");
  const rounds = first.modes.stub?.rounds ?? first.modes.loopback?.rounds;
  lines.push(
    `Calls are sequential (one in flight). Each run makes ${rounds} rounds; a round runs every variant for a fixed number of calls ` +
      "(stubbed: " + (first.modes.stub?.calls ?? "–") + ", loopback: " + (first.modes.loopback?.calls ?? "–") + ") " +
      `in an order rotated each round (so with a multiple of ${VARIANTS.length} rounds each variant runs equally often in each position), after a correctness check and an untimed warm-up. ` +
      "ops/s is the median over rounds (interquartile range in brackets); the ratios are medians over rounds of the per-round ratio (paired, so drift between rounds cancels).",
  );
  lines.push("");
  for (const mode of ["stub", "loopback"]) {
    const have = results.filter((r) => r.modes[mode]);
    if (have.length === 0) continue;
    lines.push(`### ${mode === "stub" ? "Stubbed fetch" : "Loopback HTTP"}`);
    lines.push("");
    const head = ["variant"];
    for (const r of have) head.push(`${r.node} ops/s`, `vs openapi-fetch`, `vs raw fetch`);
    lines.push(`| ${head.join(" | ")} |`);
    lines.push(`| ${head.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`);
    const sums = have.map((r) => summarise(r.modes[mode]));
    for (const v of VARIANTS) {
      const cells = [v.label];
      for (const s of sums) {
        const e = s[v.key];
        cells.push(`${fmt(e.median)} (${fmt(e.q1)}–${fmt(e.q3)})`, x(e.vsOpenapi), x(e.vsRaw));
      }
      lines.push(`| ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  lines.push("### Against the aim");
  lines.push("");
  lines.push("Aim: the full InboxKit stack at ≥ 0.9× bare openapi-fetch in both modes on both Node versions.");
  lines.push("");
  lines.push("| node | mode | InboxKit vs openapi-fetch (IQR of the per-round ratio) | µs per call (1 / median ops/s): InboxKit / openapi-fetch / raw fetch | aim met (median) |");
  lines.push("| --- | --- | ---: | ---: | :---: |");
  for (const r of results) {
    for (const mode of ["stub", "loopback"]) {
      if (!r.modes[mode]) continue;
      const s = summarise(r.modes[mode]);
      const us = [s.inboxkit, s.openapi, s.raw].map((e) => e.usPerCall.toFixed(1)).join(" / ");
      lines.push(`| ${r.node} | ${mode === "stub" ? "stubbed" : "loopback"} | ${x(s.inboxkit.vsOpenapi)} (${x(s.inboxkit.vsOpenapiQ1)}–${x(s.inboxkit.vsOpenapiQ3)}) | ${us} | ${s.inboxkit.vsOpenapi >= 0.9 ? "yes" : "**no**"} |`);
    }
  }
  lines.push("");
  lines.push("Aim: the standalone function (core + funcs) at ≥ 0.95× the client method it stands for, measured side by side in the same rounds.");
  lines.push("");
  lines.push("| node | mode | core + funcs vs client method (IQR of the per-round ratio) | µs per call: funcs / client | aim met (median) |");
  lines.push("| --- | --- | ---: | ---: | :---: |");
  for (const r of results) {
    for (const mode of ["stub", "loopback"]) {
      if (!r.modes[mode]) continue;
      const s = summarise(r.modes[mode]);
      if (!s.funcs?.vsClient) continue;
      lines.push(`| ${r.node} | ${mode === "stub" ? "stubbed" : "loopback"} | ${x(s.funcs.vsClient)} (${x(s.funcs.vsClientQ1)}–${x(s.funcs.vsClientQ3)}) | ${s.funcs.usPerCall.toFixed(1)} / ${s.inboxkit.usPerCall.toFixed(1)} | ${s.funcs.vsClient >= 0.95 ? "yes" : "**no**"} |`);
    }
  }
  lines.push("");
  if (failures.length) {
    lines.push("**Not measured:**");
    for (const f of failures) lines.push(`- ${f}`);
    lines.push("");
  }
  lines.push(
    `Runs: ${results.map((r) => `${r.node} (V8 ${r.v8}, ${r.seconds.toFixed(0)} s)`).join(", ")}. ` +
      "The loopback server runs on the same node binary as the client, in its own process; on a 2-core machine client and server each get about one core.",
  );
  lines.push("");
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
