// The @inboxkit/mock sandbox (packages/mock), as users run it: its built CLI (dist/cli.js), for every
// API of redocly.yaml, on a free port. Each run waits for the printed base URL and client snippet,
// calls one operation of the spec with fetch (its example request, with credentials of the spec's
// security scheme), then sends SIGTERM and checks that the CLI exited cleanly, that Prism (the
// CLI's child, in its own process group) is gone and that nothing listens on the port any more.
// The packed package (pnpm pack) is also run from a directory outside the repository, to show it
// ships every spec it needs.
//
//   cd /work/main && ./node_modules/.bin/turbo run build --filter @inboxkit/mock && \
//     ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/mock.test.ts
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exampleRequest, fillPath, pathOperations, queryString, schemesOf } from "../docs/examples.mjs";
// @ts-expect-error plain ESM helper without types
import { freePort } from "../prism.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const MOCK = join(ROOT, "packages", "mock");
const CLI = join(MOCK, "dist", "cli.js");
const apis = Object.entries<{ root: string }>(parse(readFileSync(join(ROOT, "redocly.yaml"), "utf8")).apis).map(([name, api]) => ({
  name,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  doc: parse(readFileSync(join(ROOT, api.root), "utf8")) as any,
}));

/** Live children of a pid (from /proc), with their state letter. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid) out.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** Whether a process exists and is not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), ok(true)));
    socket.once("error", () => ok(false));
  });
}

interface Running {
  child: ChildProcess;
  /** The CLI's children once it printed its URL (Prism). */
  children: number[];
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Whatever happened: no CLI and no Prism of this run left running. */
function cleanUp(run: Running) {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
  for (const pid of run.children) if (alive(pid)) process.kill(pid, "SIGKILL");
}

/** Starts the CLI and resolves once it printed its base URL. */
async function runCli(cli: string, args: string[], cwd: string): Promise<Running & { baseUrl: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => child.once("exit", (code, signal) => ok({ code, signal })));
  const deadline = Date.now() + 45_000;
  for (;;) {
    const m = /^Base URL: (\S+)$/m.exec(output);
    if (m) return { child, children: childrenOf(child.pid!), output: () => output, exit, baseUrl: m[1]! };
    if (child.exitCode !== null) throw new Error(`the mock CLI exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`no "Base URL:" line within 45 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Headers (and query) that satisfy an operation's first security scheme, as Prism checks them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function credentials(doc: any, schemes: string[]): { headers: Record<string, string>; query: Record<string, string> } {
  const scheme = schemes[0] ? doc.components?.securitySchemes?.[schemes[0]] : undefined;
  if (!scheme) return { headers: {}, query: {} };
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") return { headers: { authorization: `Basic ${Buffer.from("user:secret").toString("base64")}` }, query: {} };
  if (scheme.type === "http") return { headers: { authorization: `${scheme.scheme === "bearer" ? "Bearer" : scheme.scheme} test-token` }, query: {} };
  if (scheme.type === "apiKey" && scheme.in === "header") return { headers: { [scheme.name]: "test-key:test-secret" }, query: {} };
  if (scheme.type === "apiKey" && scheme.in === "query") return { headers: {}, query: { [scheme.name]: "test-key" } };
  return { headers: { authorization: "Bearer test-token" }, query: {} };
}

/** One call of the spec, by its example request: the first GET, else the first operation with a JSON or form body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function firstCall(doc: any, baseUrl: string) {
  const ops = pathOperations(doc).map((o) => ({ o, r: exampleRequest(doc, o) }));
  const pick =
    ops.find(({ r }) => r.method === "GET" && !r.body) ??
    ops.find(({ r }) => r.body && ["application/json", "application/x-www-form-urlencoded"].includes(r.body.mediaType));
  if (!pick) throw new Error("no operation callable with a JSON or form body");
  const { r, o } = pick;
  const auth = credentials(doc, schemesOf(doc, o.op));
  const init: RequestInit = { method: r.method, headers: { accept: "application/json", ...auth.headers } };
  if (r.body?.mediaType === "application/json") {
    init.body = JSON.stringify(r.body.value);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  } else if (r.body) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(r.body.value as Record<string, unknown>)) form.append(k, typeof v === "object" ? JSON.stringify(v) : String(v));
    init.body = form;
  }
  return { url: `${baseUrl}${fillPath(r.path, r.pathParams)}${queryString({ ...r.query, ...auth.query })}`, init, what: `${r.operationId} (${r.method} ${r.path})` };
}

/** Sends SIGTERM and checks that the CLI, Prism and the port are gone. */
async function stopAndCheck(run: Running, port: number) {
  const children = run.children;
  expect(children.length, `the CLI has a Prism child:\n${run.output()}`).toBeGreaterThan(0);
  const printed = Number(/Prism, pid (\d+)/.exec(run.output())?.[1]);
  expect(children).toContain(printed);
  run.child.kill("SIGTERM");
  const exit = await Promise.race([run.exit, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no exit 10 s after SIGTERM:\n${run.output()}`)), 10_000))]);
  expect(exit, run.output()).toEqual({ code: 0, signal: null });
  const left = children.filter(alive);
  for (const pid of left) process.kill(pid, "SIGKILL"); // never leave one behind, even when failing
  expect(left, "Prism processes still running after the CLI exited").toEqual([]);
  // Prism's pid may be reused by then; what matters is that no Prism is left and the port is free.
  expect(await portOpen(port), `something still listens on ${port}`).toBe(false);
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is not built: run \`./node_modules/.bin/turbo run build --filter @inboxkit/mock\``);
});

describe.concurrent("npx @inboxkit/mock <vendor>", () => {
  it.each(apis.map((a) => [a.name, a] as const))("%s: prints the URL and snippet, answers a call, stops cleanly on SIGTERM", async (name, api) => {
    const port = await freePort();
    const run = await runCli(CLI, [name, "--port", String(port), "--quiet"], ROOT);
    try {
      expect(run.baseUrl).toBe(`http://127.0.0.1:${port}`);
      // The ready-to-paste snippet: the client's factory with this base URL.
      expect(run.output()).toMatch(new RegExp(`const \\w+ = create\\w+Client\\(\\{.*baseUrl: "${run.baseUrl.replace(/[.]/g, "\\.")}" \\}\\);`));
      expect(run.output()).toContain(`from "@inboxkit/${name}"`);
      const call = firstCall(api.doc, run.baseUrl);
      const response = await fetch(call.url, call.init);
      const text = await response.text();
      expect(response.status, `${call.what}: ${text}`).toBeGreaterThanOrEqual(200);
      expect(response.status, `${call.what}: ${text}`).toBeLessThan(300);
      await stopAndCheck(run, port);
    } finally {
      cleanUp(run);
    }
  });

  it("refuses an unknown vendor and a bad port, naming the vendors", () => {
    const run = (args: string[]) => {
      try {
        execFileSync(process.execPath, [CLI, ...args], { encoding: "utf8", stdio: "pipe" });
        return { code: 0, stderr: "" };
      } catch (error) {
        const e = error as { status: number; stderr: string };
        return { code: e.status, stderr: e.stderr };
      }
    };
    const unknown = run(["no-such-vendor"]);
    expect(unknown.code).toBe(2);
    for (const { name } of apis) expect(unknown.stderr).toContain(name);
    expect(run([apis[0]!.name, "--port", "70000"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--port") });
  });
});

describe("the packed @inboxkit/mock", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "inboxkit-mock-pack-"));
    execFileSync("npx", ["-y", `pnpm@${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).packageManager.split("@")[1].split("+")[0]}`, "pack", "--pack-destination", dir], { cwd: MOCK, stdio: "pipe" });
    const tgz = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    if (!tgz) throw new Error("pnpm pack wrote no tarball");
    mkdirSync(join(dir, "app"));
    execFileSync("tar", ["xzf", join(dir, tgz), "-C", join(dir, "app")]);
    // Its dependencies as installed in the workspace (Prism with the pinned sub-packages), nothing else of the repo.
    symlinkSync(join(MOCK, "node_modules"), join(dir, "app", "package", "node_modules"), "dir");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("ships every spec, the vendor list, the LICENSE and the CHANGELOG, and mocks from outside the repository", async () => {
    const pkg = join(dir, "app", "package");
    for (const { name } of apis) expect(existsSync(join(pkg, "dist", "specs", name, "openapi.yaml")), name).toBe(true);
    for (const f of ["dist/vendors.json", "dist/cli.js", "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "LICENSE", "README.md", "CHANGELOG.md"]) expect(existsSync(join(pkg, f)), f).toBe(true);
    const vendor = apis.find((a) => JSON.stringify(a.doc).includes("multipart/form-data")) ?? apis[0]!;
    const port = await freePort();
    const run = await runCli(join(pkg, "dist", "cli.js"), [vendor.name, "--port", String(port), "--quiet"], dir);
    try {
      const call = firstCall(vendor.doc, run.baseUrl);
      const response = await fetch(call.url, call.init);
      expect(response.status, `${call.what}: ${await response.text()}`).toBeLessThan(300);
      // The mocked spec is the packed copy, not the repository's.
      expect(/^Spec: +(\S+)$/m.exec(run.output())?.[1]).toBe(join(pkg, "dist", "specs", vendor.name, "openapi.yaml"));
      await stopAndCheck(run, port);
    } finally {
      cleanUp(run);
    }
  });
});
