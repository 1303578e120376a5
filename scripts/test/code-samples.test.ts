// Code samples compile: every TypeScript `x-codeSamples` entry the docs pages show (scripts/build-docs.mjs
// decorateForDocs → scripts/docs/code-samples.mjs) is written, for every API of redocly.yaml, into a
// temp TypeScript project whose node_modules/@inboxkit/<vendor> link to the workspace packages, so
// the samples resolve the BUILT packages (their dist/, through package.json `exports`) as a user's
// project would. tsc (strict) must accept every one; a failure names the vendor and operation.
// Also: every operation has exactly one TypeScript and one curl sample, built from the spec's examples.
//
//   cd /work/main && ./node_modules/.bin/turbo run build && \
//     ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/code-samples.test.ts
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { decorateForDocs, listApis } from "../build-docs.mjs";
import { CURL_LABEL, TYPESCRIPT_LABEL } from "../docs/code-samples.mjs";
import { docsContext } from "../docs/context.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const OUT = join(ROOT, "node_modules", ".cache", "inboxkit-code-samples");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface Sample { lang: string; label?: string; source: string }
interface Written { vendor: string; operationId: string; where: string; file: string }

/** Every API's decorated spec: [{ vendor, operations: [{ operationId, where, samples }] }]. */
async function decoratedApis() {
  const out = [];
  for (const api of await listApis()) {
    const doc = parse(readFileSync(join(ROOT, api.spec), "utf8"));
    const decorated = decorateForDocs(doc, await docsContext(api.name, doc));
    const operations = [];
    for (const [path, item] of Object.entries<Record<string, { operationId: string; "x-codeSamples"?: Sample[] }>>(decorated.paths ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (op) operations.push({ operationId: op.operationId, where: `${method.toUpperCase()} ${path}`, samples: op["x-codeSamples"] ?? [] });
      }
    }
    out.push({ vendor: api.name, spec: api.spec, operations });
  }
  return out;
}

const apis = await decoratedApis();

describe("docs code samples", () => {
  it.each(apis.map((a) => [a.vendor, a] as const))("%s: every operation has one TypeScript and one curl sample", (_vendor, api) => {
    expect(api.operations.length).toBeGreaterThan(0);
    for (const op of api.operations) {
      const ts = op.samples.filter((s) => s.label === TYPESCRIPT_LABEL);
      const curl = op.samples.filter((s) => s.label === CURL_LABEL);
      expect(ts.length, `${api.vendor} ${op.operationId}: TypeScript samples`).toBe(1);
      expect(curl.length, `${api.vendor} ${op.operationId}: curl samples`).toBe(1);
      const method = op.operationId.split(".").slice(-2).join(".");
      expect(ts[0]!.source, `${api.vendor} ${op.operationId}`).toContain(`.${method}(`);
      expect(ts[0]!.source).toMatch(/console\.log\(/);
      expect(curl[0]!.source, `${api.vendor} ${op.operationId}`).toMatch(/^curl /);
    }
  });

  it("every TypeScript sample of every vendor type-checks against the built packages", () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(join(OUT, "node_modules", "@inboxkit"), { recursive: true });
    const written: Written[] = [];
    for (const api of apis) {
      const pkgDir = join(ROOT, "packages", api.vendor);
      const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { name: string; exports?: Record<string, { import?: { types?: string } }> };
      const types = pkg.exports?.["."]?.import?.types;
      if (!types || !existsSync(join(pkgDir, types))) throw new Error(`${pkg.name}: ${types ?? "its types"} not built; run \`./node_modules/.bin/turbo run build\` first`);
      const link = join(OUT, "node_modules", ...pkg.name.split("/"));
      if (!existsSync(link)) symlinkSync(pkgDir, link, "dir");
      for (const op of api.operations) {
        const sample = op.samples.find((s) => s.label === TYPESCRIPT_LABEL);
        if (!sample) continue;
        const file = `${api.vendor}__${op.operationId.replace(/[^\w]+/g, "_")}.mts`;
        writeFileSync(join(OUT, file), `${sample.source}\nexport {};\n`);
        written.push({ vendor: api.vendor, operationId: op.operationId, where: op.where, file });
      }
    }
    expect(written.length).toBe(apis.reduce((n, a) => n + a.operations.length, 0));
    writeFileSync(
      join(OUT, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom", "dom.iterable"], types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")], skipLibCheck: true },
        include: ["*.mts"],
      }),
    );
    let output = "";
    try {
      execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", OUT], { cwd: OUT, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    // Name the sample: "<vendor> <operationId> (<METHOD> <path>), sample line N: error …"
    const located = output.replace(/^(\S+\.mts)\((\d+),(\d+)\)/gm, (_, file: string, line: string) => {
      const w = written.find((x) => file.split("/").pop() === x.file);
      return w ? `${w.vendor} ${w.operationId} (${w.where}), sample line ${line}` : file;
    });
    expect(located, "TypeScript code samples that do not compile").toBe("");
  });
});
