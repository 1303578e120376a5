// Distributed request budget: WORKERS worker processes × CALLERS concurrent callers each drain SENDS
// Desk360 `messages.sendText` calls through clients that share one budget key in one Redis
// (@inboxkit/budget-redis, built dist), against a local server (budget-server.mjs, another process)
// that enforces LIMIT requests in any WINDOW_MS sliding window and answers 429 past it. The same run
// with per-process in-memory budgets (each worker keeping the whole budget to itself) is the
// comparison. Reports achieved / allowed rate, 429s, lost and doubled sends, and the p50/p99 wait
// (call start → the request handed to fetch: budget slot and pauses).
//
//   node scripts/bench/distributed-budget.mjs          (or `node scripts/bench/run.mjs --only distributed-budget`)
//
// Needs the built packages (runtime, desk360, budget-redis) and Debian's redis-server (installed by
// scripts/ensure-redis.mjs when missing), started here on a free port and stopped at the end.
import { fork, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serverStats, startBudgetServer, stopBudgetServer } from "./budget-server-control.mjs";

export const name = "distributed-budget";
const here = dirname(fileURLToPath(import.meta.url));
const LIMIT = 20;
const WINDOW_MS = 1000;
const SENDS = 400;
const WORKERS = 4;
const CALLERS = 8;
const KEY = "bench:desk360:egress";

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startRedis() {
  const { ensureRedis } = await import("../ensure-redis.mjs");
  const bin = ensureRedis();
  const port = await freePort();
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url: `redis://127.0.0.1:${port}`, stop };
}


function startWorker(config) {
  const child = fork(fileURLToPath(import.meta.url), ["--worker"], { env: { ...process.env, BENCH_WORKER: JSON.stringify(config) }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = () => new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
  return next().then(() => ({ child, run: () => { const done = next(); child.send("go"); return done; } }));
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);

/** One run: every worker drains its share of the sends; returns the figures. */
async function measure({ root, redisUrl, mode, log }) {
  const { child: server, url } = await startBudgetServer(LIMIT, WINDOW_MS);
  try {
    const shares = Array.from({ length: WORKERS }, (_, w) => Array.from({ length: SENDS }, (_, i) => i).filter((i) => i % WORKERS === w));
    const workers = await Promise.all(shares.map((sends) => startWorker({ root, apiUrl: url, redisUrl, mode, sends, callers: CALLERS })));
    log(`${name}: ${mode}: ${WORKERS} workers ready, ${SENDS} sends, ${CALLERS} callers each, budget ${LIMIT} per ${WINDOW_MS} ms`);
    const started = performance.now();
    const results = await Promise.all(workers.map((w) => w.run()));
    const elapsed = performance.now() - started;
    await Promise.all(workers.map((w) => new Promise((resolve) => { w.child.once("exit", resolve); w.child.send("exit"); })));
    const stats = await serverStats(server);
    const counts = new Map(stats.counts);
    const lost = Array.from({ length: SENDS }, (_, i) => `send-${i}`).filter((t) => !counts.has(t)).length;
    const doubled = [...counts.values()].filter((n) => n > 1).length;
    const accepted = [...counts.values()].reduce((a, b) => a + b, 0);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    const errors = new Map();
    for (const r of results) for (const [k, v] of r.errors) errors.set(k, (errors.get(k) ?? 0) + v);
    const waits = results.flatMap((r) => r.waits).sort((a, b) => a - b);
    // Accepted requests beyond the first window's LIMIT, per window of the span, against LIMIT.
    const ratio = accepted > LIMIT && stats.spanMs > 0 ? ((accepted - LIMIT) * WINDOW_MS) / stats.spanMs / LIMIT : NaN;
    log(`${name}: ${mode}: achieved/allowed ${ratio.toFixed(3)}, 429s ${stats.rejected}, lost ${lost}, doubled ${doubled}, failed ${failed}, wait p50 ${percentile(waits, 50)?.toFixed(0)} ms p99 ${percentile(waits, 99)?.toFixed(0)} ms`);
    return { mode, elapsed, stats, lost, doubled, accepted, failed, errors, ratio, p50: percentile(waits, 50), p99: percentile(waits, 99) };
  } finally {
    await stopBudgetServer(server);
  }
}

export async function run(ctx) {
  const log = ctx?.log ?? console.log;
  const root = ctx?.root ?? join(here, "..", "..");
  for (const pkg of ["runtime", "desk360", "budget-redis"]) {
    if (!existsSync(join(root, "packages", pkg, "dist", "index.js"))) throw new Error(`packages/${pkg}/dist/index.js is missing: build it first (cd packages/${pkg} && ../../node_modules/.bin/tsup)`);
  }
  const redis = await startRedis();
  let shared;
  let local;
  try {
    shared = await measure({ root, redisUrl: redis.url, mode: "redis", log });
    local = await measure({ root, redisUrl: redis.url, mode: "memory", log });
  } finally {
    await redis.stop();
  }
  const row = (r, label) =>
    `| ${label} | ${WORKERS} × ${CALLERS} | ${SENDS} | ${(r.elapsed / 1000).toFixed(2)} s | ${(r.stats.spanMs / 1000).toFixed(2)} s | **${r.ratio.toFixed(3)}** | ${r.stats.rejected} | ${r.stats.maxInWindow} / ${LIMIT} | ${r.lost} | ${r.doubled} | ${r.failed}${r.errors.size ? ` (${[...r.errors].map(([k, v]) => `${k} ×${v}`).join(", ")})` : ""} | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms |`;
  const ok = shared.ratio >= 0.95 && shared.stats.rejected === 0 && shared.lost === 0 && shared.doubled === 0 && shared.failed === 0 && shared.stats.maxInWindow <= LIMIT;
  const markdown = [
    "## Distributed request budget",
    "",
    `${SENDS} \`messages.sendText\` calls through ${WORKERS} worker processes, each with its own \`@inboxkit/desk360\` client (built dist) and ${CALLERS} concurrent callers (${SENDS / WORKERS} sends each), against a local server in another process that enforces a sliding window of ${LIMIT} requests per ${WINDOW_MS} ms (Desk360's 60 a minute, scaled down) and answers 429 past it. Every client is configured with that budget (\`requestBudget: { requests: ${LIMIT}, intervalMs: ${WINDOW_MS} }\`, Desk360's default \`waitOnRateLimit\`), and either shares it through one Redis key (\`budgetStore: createRedisBudgetStore({ redis })\`, \`budgetKey\`; a local Debian redis-server 7, each worker with its own connection) or keeps it in memory, per process. Sends are never retried, so a 429 is a failed (lost) send.`,
    "",
    `Achieved / allowed rate = (requests the server accepted beyond the first window's ${LIMIT}) / (span between the first and the last accepted request, in windows) / ${LIMIT}: 1.0 is the fastest any set of clients may go. Wait = from the call to the request being handed to \`fetch\` (budget slot and rate-limit pauses), over every send.`,
    "",
    "| budget | workers × callers | sends | wall time | server span | achieved / allowed | 429s | max in any window | lost | doubled | failed calls | p50 wait | p99 wait |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    row(shared, "shared (Redis, one key)"),
    row(local, "per process (in memory)"),
    "",
    `Aim (shared budget): ≥ 0.95 of the allowed rate with 0 429s, no send lost or doubled — ${ok ? "met" : "**not met**"}.`,
    "",
  ].join("\n");
  return { markdown, ok };
}

/** A worker process: one Desk360 client, its share of the sends, CALLERS at a time. */
async function worker() {
  const config = JSON.parse(process.env.BENCH_WORKER);
  const dist = (pkg) => pathToFileURL(join(config.root, "packages", pkg, "dist", "index.js")).href;
  const { createDesk360Client } = await import(dist("desk360"));
  const handedAt = new Map();
  const fetch = (input, init) => {
    try {
      const text = JSON.parse(String(init.body)).text;
      if (!handedAt.has(text)) handedAt.set(text, performance.now());
    } catch {
      /* not a send */
    }
    return globalThis.fetch(input, init);
  };
  let store;
  const options = { token: "bench-token", baseUrl: config.apiUrl, fetch, requestBudget: { requests: LIMIT, intervalMs: WINDOW_MS } };
  if (config.mode === "redis") {
    const { createRedisBudgetStore } = await import(dist("budget-redis"));
    store = createRedisBudgetStore({ redis: config.redisUrl });
    Object.assign(options, { budgetStore: store, budgetKey: KEY });
  }
  const desk360 = createDesk360Client(options);
  process.on("message", async (message) => {
    if (message === "exit") {
      await store?.close();
      process.exit(0);
    }
    if (message !== "go") return;
    const queue = [...config.sends];
    const waits = [];
    const errors = new Map();
    let failed = 0;
    const caller = async () => {
      while (queue.length) {
        const i = queue.shift();
        const text = `send-${i}`;
        const t0 = performance.now();
        try {
          await desk360.messages.sendText({ integrationId: 1, to: "+905551112233", text });
        } catch (e) {
          failed++;
          errors.set(e.name, (errors.get(e.name) ?? 0) + 1);
        }
        if (handedAt.has(text)) waits.push(handedAt.get(text) - t0);
      }
    };
    await Promise.all(Array.from({ length: config.callers }, caller));
    process.send({ waits, failed, errors: [...errors] });
  });
  process.send("ready");
}

if (process.argv.includes("--worker")) {
  worker().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown, ok } = await run({});
  console.log(markdown);
  process.exit(ok ? 0 : 1);
}
