// Test harness: a real redis-server on a free port, a local API that records every arrival, and
// worker processes (each with its own client and Redis connection) driven over IPC.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { ensureRedis } from "../../../scripts/ensure-redis.mjs";
import type { WorkerCommand, WorkerConfig, WorkerReply, SendResult } from "./worker.js";

const here = dirname(fileURLToPath(import.meta.url));
const children = new Set<ChildProcess>();
// Whatever happens to the test run, no redis-server or worker outlives it.
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server at once (SIGKILL): no goodbye to its clients. */
  kill(): Promise<void>;
  /** Stops it (SIGTERM), if it still runs. */
  stop(): Promise<void>;
}

/** Starts Debian's redis-server on a free port of 127.0.0.1, without persistence. */
export async function startRedis(): Promise<RedisServer> {
  const bin = ensureRedis();
  const port = await freePort();
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "notice"], { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited(child);
  };
  return { port, url: `redis://127.0.0.1:${port}`, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}

/** One request as the API saw it. */
export interface Arrival {
  readonly text: string;
  /** performance.now() of this (test) process when the request arrived, and when its answer left. */
  readonly at: number;
  end?: number;
  status?: number;
}

/** What the API answers a request with (after `delayMs`), or "hang" for never. */
export type Answer = { status: number; headers?: Record<string, string>; delayMs?: number } | "hang";

/** A local API on 127.0.0.1 that records arrivals; `answer` decides each response. */
export async function startApi(answer: (text: string, arrivals: readonly Arrival[]) => Answer = () => ({ status: 200 })) {
  const arrivals: Arrival[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const open = new Set<ServerResponse>();
  const state = { answer };
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const at = performance.now();
      let text = "?";
      try {
        text = String(JSON.parse(body).text);
      } catch {
        /* counted as "?" */
      }
      const arrival: Arrival = { text, at };
      arrivals.push(arrival);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const reply = state.answer(text, arrivals);
      if (reply === "hang") {
        open.add(res);
        res.on("close", () => {
          open.delete(res);
          inFlight--;
        });
        return;
      }
      setTimeout(() => {
        arrival.end = performance.now();
        arrival.status = reply.status;
        inFlight--;
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.status < 300 ? { data: { id: text } } : { error: { code: "too_many_requests", message: "slow down" } }));
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    state,
    get maxInFlight() {
      return maxInFlight;
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The most arrivals in any window (t - windowMs, t] (times of this process). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let i = 0; i < sorted.length; i++) {
    while ((sorted[start] as number) <= (sorted[i] as number) - windowMs) start++;
    best = Math.max(best, i - start + 1);
  }
  return best;
}

let bundled: Promise<string> | undefined;
/** test/worker.ts bundled for plain Node (the runtime and this package from their sources; ioredis external). */
function workerBundle(): Promise<string> {
  bundled ??= (async () => {
    const out = join(here, "..", "node_modules", ".cache", "budget-redis-test", "worker.mjs");
    mkdirSync(dirname(out), { recursive: true });
    await build({
      entryPoints: [join(here, "worker.ts")],
      outfile: out,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node18",
      external: ["ioredis"],
      alias: { "@inboxkit/runtime": join(here, "..", "..", "runtime", "src", "index.ts") },
      logLevel: "error",
    });
    return out;
  })();
  return bundled;
}

/** A worker process with its own client and Redis connection. */
export interface Worker {
  readonly child: ChildProcess;
  /** Runs these sends with `concurrency` callers; resolves with each outcome. */
  send(texts: readonly string[], concurrency?: number): Promise<SendResult[]>;
  /** Starts sends without waiting for them (for a worker about to be killed). */
  fire(texts: readonly string[]): void;
  /** SIGKILL: the worker dies holding whatever it holds. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorker(config: WorkerConfig): Promise<Worker> {
  const file = await workerBundle();
  const child = fork(file, [], { env: { ...process.env, WORKER_CONFIG: JSON.stringify(config) }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const replies: ((reply: WorkerReply) => void)[] = [];
  child.on("message", (reply: WorkerReply) => replies.shift()?.(reply));
  const next = () => new Promise<WorkerReply>((resolve, reject) => {
    replies.push(resolve);
    child.once("exit", (code, signal) => reject(new Error(`worker exited (${code ?? signal})`)));
  });
  const ready = next();
  const started = await ready;
  if (started.cmd !== "ready") throw new Error(`worker did not start: ${JSON.stringify(started)}`);
  const command = (c: WorkerCommand) => child.send(c);
  return {
    child,
    async send(texts, concurrency = 1) {
      const reply = next();
      command({ cmd: "send", texts: [...texts], concurrency });
      const r = await reply;
      if (r.cmd !== "sent") throw new Error(`unexpected reply ${JSON.stringify(r)}`);
      return r.results;
    },
    fire(texts) {
      command({ cmd: "send", texts: [...texts], concurrency: texts.length });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited(child);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited(child);
    },
  };
}
