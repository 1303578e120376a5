// Pack test: installs the published form of every vendor client into an empty npm project and uses it
// the way consumers will, from ESM, from CommonJS and from strict TypeScript (nodenext ESM and node16 CJS).
//
//   cd /work/main && ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/pack.test.ts
//
// The packages are NOT built here: build them first (tsup); a dist older than its sources fails the test.
// The vendor packages are the publishable (non-private) workspace packages (read from
// pnpm-workspace.yaml) that depend on @inboxkit/runtime and live in packages/<api> for an API of
// redocly.yaml — so a runtime add-on such as @inboxkit/budget-redis is not one; each gets one
// `describe`. What each vendor's client is called with lives in scripts/test/pack/<vendor>.ts: a new
// vendor package fails here until it has one.
// Set KEEP_PACK_TMP=1 to keep the temp projects for inspection.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { VendorFixture } from "./pack/types.js";

const execFileP = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const RUNTIME = "@inboxkit/runtime";
const TYPESCRIPT = "typescript@5.9.3";
const TYPES_NODE = "@types/node@20.19.43";
/** A loopback URL nothing listens on: every request goes through the fake fetch the consumers pass. */
const BASE_URL = "http://127.0.0.1:9";
/** The error classes every vendor package must re-export, identical to the runtime's. */
const ERROR_CLASSES = [
  "InboxKitError",
  "APIError",
  "BadRequestError",
  "ConflictError",
  "AuthenticationError",
  "NotFoundError",
  "RateLimitError",
  "ServerError",
  "TimeoutError",
  "AbortError",
  "ConnectionError",
  "ValidationError",
] as const;

/** What each vendor's installed package is called with: scripts/test/pack/<vendor>.ts. */
async function loadFixture(pkgName: string): Promise<VendorFixture | undefined> {
  const file = join(ROOT, "scripts", "test", "pack", `${pkgName.replace(/^@inboxkit\//, "")}.ts`);
  if (!existsSync(file)) return undefined;
  return ((await import(pathToFileURL(file).href)) as { fixture: VendorFixture }).fixture;
}

interface WorkspacePackage {
  readonly dir: string;
  readonly json: {
    name: string;
    version: string;
    private?: boolean;
    dependencies?: Record<string, string>;
  };
}

/** The workspace packages, from the globs of pnpm-workspace.yaml (`dir` and `dir/*` forms). */
function workspacePackages(): WorkspacePackage[] {
  const { packages = [] } = parseYaml(readFileSync(join(ROOT, "pnpm-workspace.yaml"), "utf8")) as { packages?: string[] };
  const dirs: string[] = [];
  for (const glob of packages) {
    if (glob.startsWith("!")) continue;
    if (glob.endsWith("/*")) {
      const parent = join(ROOT, glob.slice(0, -2));
      if (existsSync(parent)) for (const d of readdirSync(parent).sort()) dirs.push(join(parent, d));
    } else if (!glob.includes("*")) dirs.push(join(ROOT, glob));
    else throw new Error(`pack.test.ts: unsupported workspace glob ${glob}`);
  }
  return dirs
    .filter((d) => existsSync(join(d, "package.json")))
    .map((dir) => ({ dir, json: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as WorkspacePackage["json"] }));
}

const PACKAGES = workspacePackages();
const runtimePackage = PACKAGES.find((p) => p.json.name === RUNTIME);
/** The APIs of redocly.yaml: each vendor's package is packages/<api>. */
const APIS = Object.keys((parseYaml(readFileSync(join(ROOT, "redocly.yaml"), "utf8")) as { apis: Record<string, unknown> }).apis);
const VENDORS = PACKAGES.filter((p) => !p.json.private && p.json.name !== RUNTIME && p.json.dependencies?.[RUNTIME] !== undefined && APIS.includes(basename(p.dir)));
const PNPM = `pnpm@${/^pnpm@([^+]+)/.exec((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { packageManager?: string }).packageManager ?? "")?.[1] ?? "10.34.9"}`;

const log = (msg: string) => console.log(`[pack-test] ${msg}`);

/** Runs a command; resolves with its output, rejects with the full output on failure. */
async function sh(cmd: string, args: string[], cwd: string): Promise<string> {
  const started = Date.now();
  log(`$ ${cmd} ${args.join(" ")}   (in ${cwd})`);
  try {
    const { stdout, stderr } = await execFileP(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: "false" } });
    log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return `${stdout}${stderr}`;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

/** Fails when the package's dist is missing or older than its newest source file. */
function assertBuilt(pkg: WorkspacePackage): void {
  const where = relative(ROOT, pkg.dir);
  const dist = join(pkg.dir, "dist");
  if (!existsSync(dist) || readdirSync(dist).length === 0) throw new Error(`${where}/dist is missing: build first (cd ${where} && ../../node_modules/.bin/tsup)`);
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  const oldestDist = Math.min(...readdirSync(dist).map((f) => statSync(join(dist, f)).mtimeMs));
  const src = join(pkg.dir, "src");
  if (existsSync(src) && newest(src) > oldestDist) throw new Error(`${where}/dist is older than ${where}/src: rebuild (cd ${where} && ../../node_modules/.bin/tsup)`);
}

/** `pnpm pack`s a package into `dest`; returns the tarball path. */
async function pack(pkg: WorkspacePackage, dest: string): Promise<string> {
  assertBuilt(pkg);
  mkdirSync(dest, { recursive: true });
  const before = new Set(readdirSync(dest));
  await sh("npx", ["-y", PNPM, "pack", "--pack-destination", dest], pkg.dir);
  const made = readdirSync(dest).filter((f) => f.endsWith(".tgz") && !before.has(f));
  if (made.length !== 1) throw new Error(`expected one new tarball from ${pkg.json.name} in ${dest}, found ${made.join(", ") || "none"}`);
  return join(dest, made[0]!);
}

const factoryName = (pkgName: string) => {
  const id = pkgName.split("/").pop()!;
  return `create${id.charAt(0).toUpperCase()}${id.slice(1)}Client`;
};

/** The JS consumer: collects facts about the installed package into a JSON report on stdout. */
function jsConsumer(format: "esm" | "cjs", pkgName: string, fixture: VendorFixture): string {
  const head =
    format === "esm"
      ? `import * as vendor from ${JSON.stringify(pkgName)};\nimport * as runtime from ${JSON.stringify(RUNTIME)};\nimport { readFileSync } from "node:fs";\nconst load = (spec) => import(spec);\nconst resolved = import.meta.resolve(${JSON.stringify(pkgName)});\nconst runtimeResolved = import.meta.resolve(${JSON.stringify(RUNTIME)});`
      : `const vendor = require(${JSON.stringify(pkgName)});\nconst runtime = require(${JSON.stringify(RUNTIME)});\nconst { readFileSync } = require("node:fs");\nconst load = async (spec) => require(spec);\nconst resolved = require.resolve(${JSON.stringify(pkgName)});\nconst runtimeResolved = require.resolve(${JSON.stringify(RUNTIME)});`;
  return `${head}
const FACTORY = ${JSON.stringify(factoryName(pkgName))};
const ERROR_CLASSES = ${JSON.stringify(ERROR_CLASSES)};
const FIXTURE = ${JSON.stringify(fixture)};
const BASE_URL = ${JSON.stringify(BASE_URL)};
const describeError = (e) => ({
  name: e?.constructor?.name,
  message: String(e?.message),
  status: e?.status,
  isValidationError: e instanceof vendor.ValidationError,
  isNotFoundError: e instanceof vendor.NotFoundError,
  isAPIError: e instanceof vendor.APIError,
  isInboxKitError: e instanceof vendor.InboxKitError,
  isRuntimeInboxKitError: e instanceof runtime.InboxKitError,
});
// "<resource>.<method>" (or "<api>.<resource>.<method>" in a multi-API vendor's table): the last two name the method.
const method = (client, id) => { const parts = id.split("."); return client[parts[parts.length - 2]]?.[parts[parts.length - 1]]; };

(async () => {
  const report = { resolved: String(resolved), runtimeResolved: String(runtimeResolved), factory: typeof vendor[FACTORY], errors: {} };
  for (const name of ERROR_CLASSES) {
    const C = vendor[name];
    report.errors[name] = {
      type: typeof C,
      sameAsRuntime: C === runtime[name],
      inherits: typeof C === "function" && (C === runtime.InboxKitError || C.prototype instanceof runtime.InboxKitError),
    };
  }
  // Every other entry point the package exports (./core, ./funcs, per-API entries) loads and exports functions.
  const exported = JSON.parse(readFileSync("node_modules/" + ${JSON.stringify(pkgName)} + "/package.json", "utf8")).exports;
  report.subpaths = {};
  for (const sub of Object.keys(exported).filter((p) => p !== "." && p !== "./package.json")) {
    try { report.subpaths[sub] = Object.values(await load(${JSON.stringify(pkgName)} + sub.slice(1))).filter((v) => typeof v === "function").length; }
    catch (e) { report.subpaths[sub] = String(e?.message ?? e); }
  }
  try { vendor[FACTORY]({ baseUrl: BASE_URL }); report.withoutCredentials = "no error"; }
  catch (e) { report.withoutCredentials = describeError(e); }

  const sent = [];
  let reply = () => { throw new Error("no reply set"); };
  const fakeFetch = async (input, init) => {
    sent.push({ method: init?.method ?? input?.method, url: typeof input === "string" ? input : input.url });
    return reply();
  };
  const client = vendor[FACTORY]({ ...FIXTURE.credentials, baseUrl: BASE_URL, fetch: fakeFetch });
  const table = vendor[FIXTURE.table ?? "operationTable"] ?? [];
  report.operations = table.length;
  report.missingMethods = table.filter((op) => typeof method(client, op.id) !== "function").map((op) => op.id);
  report.rawGet = typeof client.raw?.GET;
  const op = table.find((o) => o.id === FIXTURE.call.op || o.id.endsWith("." + FIXTURE.call.op));
  report.callOp = op ? { method: op.method, path: op.path } : null;

  reply = () => new Response(JSON.stringify(FIXTURE.call.okBody), { status: 200, headers: { "content-type": "application/json" } });
  try { report.ok = { result: await method(client, FIXTURE.call.op)(FIXTURE.call.params), sent: sent.splice(0) }; }
  catch (e) { report.ok = { error: describeError(e), sent: sent.splice(0) }; }

  reply = () => new Response(JSON.stringify({ status: "error", message: "not here" }), { status: 404, headers: { "content-type": "application/json" } });
  try { await method(client, FIXTURE.call.op)(FIXTURE.call.params); report.notFound = { error: null, sent: sent.splice(0) }; }
  catch (e) { report.notFound = { error: describeError(e), sent: sent.splice(0) }; }

  try { await method(client, FIXTURE.call.op)(FIXTURE.invalidParams); report.invalid = { error: null, sent: sent.splice(0).length }; }
  catch (e) { report.invalid = { error: describeError(e), sent: sent.splice(0).length }; }

  process.stdout.write(JSON.stringify(report));
})().catch((e) => { console.error(e); process.exit(1); });
`;
}

/** The TypeScript consumer (same source for the ESM and the CJS compilation). */
function tsConsumer(pkgName: string, fixture: VendorFixture): string {
  const factory = factoryName(pkgName);
  return `import { ${factory}, ${ERROR_CLASSES.join(", ")} } from ${JSON.stringify(pkgName)};

type IsAny<T> = 0 extends 1 & T ? true : false;

export async function consume(): Promise<void> {
  const client = ${factory}({ ...${JSON.stringify(fixture.credentials)}, baseUrl: ${JSON.stringify(BASE_URL)}, fetch: (input: string, init: RequestInit) => fetch(input, init) });
  const clientIsNotAny: IsAny<typeof client> = false;
  void clientIsNotAny;
${fixture.typed}
  try {
    await client.${fixture.call.op}(${JSON.stringify(fixture.call.params)});
  } catch (error: unknown) {
    if (error instanceof NotFoundError) {
      const status: number = error.status;
      void status;
    } else if (error instanceof ValidationError) {
      void error.message;
    } else if (error instanceof InboxKitError) {
      const isApi: boolean = error instanceof APIError;
      void isApi;
    }
  }
  void [${ERROR_CLASSES.filter((n) => !["NotFoundError", "ValidationError", "InboxKitError", "APIError"].includes(n)).join(", ")}];
}
`;
}

const STRICT = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noEmit: true, skipLibCheck: false, forceConsistentCasingInFileNames: true };

let tmpRoot = "";
let runtimeTarball = "";

beforeAll(async () => {
  tmpRoot = mkdtempSync(join(tmpdir(), "inboxkit-pack-"));
  log(`temp dir ${tmpRoot}; vendor packages: ${VENDORS.map((v) => v.json.name).join(", ") || "(none)"}`);
  if (!runtimePackage) throw new Error(`${RUNTIME} is not a workspace package`);
  runtimeTarball = await pack(runtimePackage, join(tmpRoot, "tarballs"));
});

afterAll(() => {
  if (!tmpRoot) return;
  if (process.env.KEEP_PACK_TMP) log(`kept ${tmpRoot}`);
  else rmSync(tmpRoot, { recursive: true, force: true });
});

it("finds a vendor package in the workspace for every API of redocly.yaml", () => {
  expect(VENDORS.length).toBeGreaterThan(0);
  expect(VENDORS.map((v) => basename(v.dir)).sort()).toEqual([...APIS].sort());
  for (const v of VENDORS) expect(v.json.name).toBe(`@inboxkit/${basename(v.dir)}`);
});

const FIXTURES = new Map<string, VendorFixture | undefined>();
for (const vendorPkg of VENDORS) FIXTURES.set(vendorPkg.json.name, await loadFixture(vendorPkg.json.name));

for (const vendorPkg of VENDORS) {
  const name = vendorPkg.json.name;
  describe(name, () => {
    const fixture = FIXTURES.get(name);
    let project = "";

    beforeAll(async () => {
      if (!fixture) return;
      const tarball = await pack(vendorPkg, join(tmpRoot, "tarballs"));
      project = join(tmpRoot, name.replace(/[@/]/g, "_"));
      mkdirSync(project);
      await sh("npm", ["init", "-y"], project);
      await sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", runtimeTarball, tarball, TYPESCRIPT, TYPES_NODE], project);
    });

    it("has a fixture in scripts/test/pack/", () => {
      expect(fixture, `add scripts/test/pack/${name.split("/").pop()}.ts (see scripts/test/pack/types.ts)`).toBeDefined();
    });
    if (!fixture) return;

    it("installs from the tarballs: published files only, one runtime copy, no workspace: ranges", () => {
      const installed = join(project, "node_modules", ...name.split("/"));
      const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as WorkspacePackage["json"];
      expect(manifest.version).toBe(vendorPkg.json.version);
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain("workspace:");
      expect(manifest.dependencies?.[RUNTIME]).toBeDefined();
      const files = readdirSync(installed, { recursive: true }).map(String).filter((f) => !f.startsWith(`node_modules${sep}`) && f !== "node_modules");
      for (const f of ["package.json", "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts"]) expect(files).toContain(f.split("/").join(sep));
      expect(files.filter((f) => /^(src|test|coverage)([\\/]|$)|tsconfig|tsup\.config|vitest\.config/.test(f))).toEqual([]);
      const lock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")) as { packages: Record<string, { resolved?: string; version?: string }> };
      expect(lock.packages[`node_modules/${RUNTIME}`]?.resolved).toMatch(/^file:/);
      expect(lock.packages[`node_modules/${name}`]?.resolved).toMatch(/^file:/);
      expect(Object.keys(lock.packages).filter((k) => k.endsWith(`node_modules/${RUNTIME}`))).toEqual([`node_modules/${RUNTIME}`]);
    });

    for (const format of ["esm", "cjs"] as const) {
      it(`works from ${format === "esm" ? "an ESM import (.mjs)" : "a CommonJS require (.cjs)"}`, async () => {
        const file = join(project, `consumer.${format === "esm" ? "mjs" : "cjs"}`);
        writeFileSync(file, jsConsumer(format, name, fixture));
        const report = JSON.parse(await sh("node", [file], project)) as Record<string, any>;
        const distFile = format === "esm" ? "index.js" : "index.cjs";
        const inProject = (p: string) => (p.startsWith("file:") ? fileURLToPath(p) : p);
        expect(inProject(report.resolved)).toBe(join(project, "node_modules", ...name.split("/"), "dist", distFile));
        expect(inProject(report.runtimeResolved)).toBe(join(project, "node_modules", ...RUNTIME.split("/"), "dist", distFile));
        expect(report.factory).toBe("function");
        expect(Object.keys(report.subpaths)).toEqual(expect.arrayContaining(["./core", "./funcs"]));
        for (const [sub, functions] of Object.entries(report.subpaths as Record<string, unknown>)) {
          expect(typeof functions === "number" && functions > 0, `${name}${sub.slice(1)} exports no function: ${String(functions)}`).toBe(true);
        }
        for (const cls of ERROR_CLASSES) expect(report.errors[cls], cls).toEqual({ type: "function", sameAsRuntime: true, inherits: true });
        expect(report.withoutCredentials).toMatchObject({ isValidationError: true, isInboxKitError: true });
        expect(report.operations).toBeGreaterThan(0);
        expect(report.missingMethods).toEqual([]);
        expect(report.rawGet).toBe("function");
        expect(report.callOp).not.toBeNull();
        expect(report.ok.error).toBeUndefined();
        expect(report.ok.result).toEqual(fixture.call.expected);
        expect(report.ok.sent).toHaveLength(1);
        expect(report.ok.sent[0].method).toBe(report.callOp.method);
        // Path parameters come from the call, or from the client's options when the client binds them (Helpshift's domain).
        const expectedPath = report.callOp.path.replace(/\{([^}]+)\}/g, (_: string, name: string) => encodeURIComponent(String(fixture.call.params[name] ?? fixture.boundParams?.[name] ?? fixture.credentials[name])));
        expect(report.ok.sent[0].url.split("?")[0]).toBe(`${BASE_URL}${expectedPath}`);
        expect(report.notFound.error).toMatchObject({ status: 404, isNotFoundError: true, isAPIError: true, isInboxKitError: true, isRuntimeInboxKitError: true });
        expect(report.invalid).toMatchObject({ error: { isValidationError: true, isInboxKitError: true }, sent: 0 });
      });
    }

    const tsVariants = [
      {
        label: "module nodenext, ESM consumer (.mts), lib DOM, no @types/node",
        file: "consumer.mts",
        options: { ...STRICT, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom", "dom.iterable"], types: [] },
      },
      {
        label: "moduleResolution node16, CommonJS consumer (.cts), @types/node, no DOM",
        file: "consumer.cts",
        options: { ...STRICT, module: "node16", moduleResolution: "node16", target: "es2022", lib: ["es2022"], types: ["node"] },
      },
    ];
    for (const variant of tsVariants) {
      it(`type-checks a strict TypeScript consumer: ${variant.label}`, async () => {
        const base = variant.file.replace(/\.[cm]ts$/, "");
        const tsDir = join(project, `ts-${variant.file.replace(".", "-")}`);
        mkdirSync(tsDir);
        writeFileSync(join(tsDir, variant.file), tsConsumer(name, fixture));
        writeFileSync(join(tsDir, "tsconfig.json"), JSON.stringify({ compilerOptions: variant.options, files: [variant.file] }, null, 2));
        // A file that uses the client wrongly must fail, proving the check is not vacuous.
        writeFileSync(join(tsDir, `${base}-wrong${variant.file.slice(base.length)}`), `import { ${factoryName(name)} } from ${JSON.stringify(name)};\nexport const wrong: number = ${factoryName(name)};\n`);
        // skipLibCheck there: the package's declaration files are checked by the first compilation; this
        // one only has to see the factory's type (and half the time goes otherwise).
        writeFileSync(join(tsDir, "tsconfig.wrong.json"), JSON.stringify({ compilerOptions: { ...variant.options, skipLibCheck: true }, files: [`${base}-wrong${variant.file.slice(base.length)}`] }, null, 2));
        const tsc = join(project, "node_modules", ".bin", "tsc");
        // Both compilations at once (two processes: the machine has two cores).
        const [right, wrong] = await Promise.allSettled([sh(tsc, ["-p", "tsconfig.json"], tsDir), sh(tsc, ["-p", "tsconfig.wrong.json"], tsDir)]);
        if (right.status === "rejected") throw right.reason;
        expect(wrong.status, "the wrong consumer must not compile").toBe("rejected");
        expect(String((wrong as PromiseRejectedResult).reason)).toMatch(/TS2322/);
      });
    }
  });
}
