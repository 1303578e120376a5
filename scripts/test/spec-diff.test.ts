// `pnpm spec:diff` (scripts/spec-diff.mjs): the classifier of spec changes on small specs, then the
// whole flow in a temp git repository holding a copy of one vendor (the first API of redocly.yaml):
// a spec change committed without a changeset fails `--check` with the command to run; the changeset
// `pnpm spec:diff <vendor>` writes makes it pass — for a breaking change (an operation removed →
// minor) and, after a release, an additive one (an optional query parameter → patch). Last, the
// repository itself: every API's pending changesets cover its spec changes.
//
//   cd /work/main && ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/spec-diff.test.ts
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { diffSpecs, findBase, requiredBump, type SpecChange } from "../spec-diff.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const SCRIPT = join(ROOT, "scripts", "spec-diff.mjs");

// ---------------------------------------------------------------------------------------------
// The classifier

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** A small spec: a GET with a path and an enum query parameter, a POST with a body, a shared response schema. */
function spec(): Doc {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: {
      "/items/{id}": {
        get: {
          operationId: "items.get",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "status", in: "query", schema: { type: "string", enum: ["open", "closed"] } },
          ],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } } },
        },
      },
      "/items": {
        post: {
          operationId: "items.create",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["name"],
                  properties: { name: { type: "string", maxLength: 100 }, note: { type: "string" }, count: { type: ["integer", "string"] }, tags: { type: "array", items: { $ref: "#/components/schemas/Tag" } } },
                },
              },
            },
          },
          responses: { "201": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } } },
        },
      },
    },
    components: {
      schemas: {
        Item: { type: "object", required: ["id"], properties: { id: { type: "string" }, name: { type: "string" }, kind: { type: "string", enum: ["a", "b"] } } },
        Tag: { type: "object", required: ["label"], properties: { label: { type: "string" }, color: { type: "string", enum: ["red", "blue"] } } },
      },
    },
  };
}

/** The changes after `edit` was applied to a copy of spec(). */
function diffAfter(edit: (doc: Doc) => void): SpecChange[] {
  const before = spec();
  const after = spec();
  edit(after);
  return diffSpecs(before, after);
}

const only = (changes: SpecChange[]) => {
  expect(changes, JSON.stringify(changes, null, 2)).toHaveLength(1);
  return changes[0]!;
};

describe("classifier", () => {
  it("an unchanged spec (or one with only descriptions changed) has no change", () => {
    expect(diffAfter(() => {})).toEqual([]);
    expect(diffAfter((d) => (d.paths["/items"].post.description = "Creates an item."))).toEqual([]);
  });

  it("a removed enum value of a parameter is breaking; an added one is not", () => {
    const removed = only(diffAfter((d) => (d.paths["/items/{id}"].get.parameters[1].schema.enum = ["open"])));
    expect(removed).toMatchObject({ breaking: true, operation: "items.get" });
    expect(removed.message).toContain('"closed"');
    expect(only(diffAfter((d) => d.paths["/items/{id}"].get.parameters[1].schema.enum.push("archived")))).toMatchObject({ breaking: false });
  });

  it("an added optional parameter is not breaking; a required one, or one made required, is", () => {
    const add = (required: boolean) => (d: Doc) => d.paths["/items/{id}"].get.parameters.push({ name: "expand", in: "query", required, schema: { type: "boolean" } });
    expect(only(diffAfter(add(false)))).toMatchObject({ breaking: false, message: expect.stringContaining("optional query parameter `expand` added") });
    expect(only(diffAfter(add(true)))).toMatchObject({ breaking: true, message: expect.stringContaining("required query parameter `expand` added") });
    expect(only(diffAfter((d) => (d.paths["/items/{id}"].get.parameters[1].required = true)))).toMatchObject({ breaking: true, message: expect.stringContaining("now required") });
  });

  it("a removed parameter or body field is breaking", () => {
    expect(only(diffAfter((d) => d.paths["/items/{id}"].get.parameters.pop()))).toMatchObject({ breaking: true, message: "query parameter `status` removed" });
    expect(only(diffAfter((d) => delete d.paths["/items"].post.requestBody.content["application/json"].schema.properties.note))).toMatchObject({ breaking: true, message: "body field `note` removed" });
  });

  it("body fields: a new required one and a made-required one are breaking, a new optional one is not", () => {
    const body = (d: Doc) => d.paths["/items"].post.requestBody.content["application/json"].schema;
    expect(only(diffAfter((d) => (body(d).properties.color = { type: "string" })))).toMatchObject({ breaking: false });
    expect(only(diffAfter((d) => ((body(d).properties.color = { type: "string" }), body(d).required.push("color"))))).toMatchObject({ breaking: true });
    expect(only(diffAfter((d) => body(d).required.push("note")))).toMatchObject({ breaking: true, message: "body field `note` is now required" });
    expect(only(diffAfter((d) => (body(d).required = [])))).toMatchObject({ breaking: false, message: "body field `name` is now optional" });
  });

  it("a narrowed request type is breaking, a widened one is not; a tightened constraint is breaking", () => {
    const count = (d: Doc) => d.paths["/items"].post.requestBody.content["application/json"].schema.properties.count;
    expect(only(diffAfter((d) => (count(d).type = "integer")))).toMatchObject({ breaking: true, message: expect.stringContaining("narrowed") });
    expect(only(diffAfter((d) => (count(d).type = ["integer", "string", "null"])))).toMatchObject({ breaking: false, message: expect.stringContaining("widened") });
    const name = (d: Doc) => d.paths["/items"].post.requestBody.content["application/json"].schema.properties.name;
    expect(only(diffAfter((d) => (name(d).maxLength = 50)))).toMatchObject({ breaking: true });
    expect(only(diffAfter((d) => (name(d).maxLength = 200)))).toMatchObject({ breaking: false });
  });

  it("changes inside a $ref'd component count wherever it is used", () => {
    const changes = diffAfter((d) => (d.components.schemas.Tag.properties.color.enum = ["red"]));
    expect(only(changes)).toMatchObject({ breaking: true, operation: "items.create", message: expect.stringContaining("`tags[].color`") });
  });

  it("a removed response field is breaking, an added one is not; response enums may grow", () => {
    const removed = diffAfter((d) => delete d.components.schemas.Item.properties.name);
    expect(removed.map((c) => [c.operation, c.breaking])).toEqual([["items.get", true], ["items.create", true]]);
    expect(removed[0]!.message).toBe("response field `name` removed");
    const added = diffAfter((d) => (d.components.schemas.Item.properties.createdAt = { type: "string" }));
    expect(added.every((c) => !c.breaking && c.message === "response field `createdAt` added")).toBe(true);
    expect(diffAfter((d) => d.components.schemas.Item.properties.kind.enum.push("c")).every((c) => !c.breaking)).toBe(true);
    expect(diffAfter((d) => (d.components.schemas.Item.required = [])).every((c) => c.breaking)).toBe(true);
  });

  it("operations: added is not breaking; removed or renamed is", () => {
    expect(only(diffAfter((d) => (d.paths["/items"].get = { operationId: "items.list", responses: { "200": { description: "ok" } } })))).toMatchObject({ breaking: false, operation: "items.list", message: "operation added (GET /items)" });
    expect(only(diffAfter((d) => delete d.paths["/items"]))).toMatchObject({ breaking: true, operation: "items.create", message: "operation removed (POST /items)" });
    expect(only(diffAfter((d) => (d.paths["/items"].post.operationId = "items.add")))).toMatchObject({ breaking: true, operation: "items.create", message: "operation renamed to `items.add` (POST /items)" });
  });

  it("the bump: 0.x breaking → minor, otherwise patch; from 1.0 major / minor; none without changes", () => {
    const breaking = [{ breaking: true, operation: "x", message: "" }];
    const additive = [{ breaking: false, operation: "x", message: "" }];
    expect(requiredBump([], "0.3.0")).toBe("none");
    expect(requiredBump(breaking, "0.3.0")).toBe("minor");
    expect(requiredBump(additive, "0.3.0")).toBe("patch");
    expect(requiredBump(breaking, "1.2.0")).toBe("major");
    expect(requiredBump(additive, "1.2.0")).toBe("minor");
  });
});

// ---------------------------------------------------------------------------------------------
// The flow, in a temp git repository

const apis = Object.entries<{ root: string }>(parse(readFileSync(join(ROOT, "redocly.yaml"), "utf8")).apis);
const [VENDOR, { root: SPEC }] = apis[0]!;
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" };
let repo: string;

const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: GIT_ENV, encoding: "utf8", stdio: "pipe" }).trim();
const commit = (message: string) => (git("add", "-A"), git("commit", "-q", "-m", message));
const specDiff = (...args: string[]) => {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: repo, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};
const readSpecDoc = (): Doc => parse(readFileSync(join(repo, SPEC), "utf8"));
const writeSpecDoc = (doc: Doc) => writeFileSync(join(repo, SPEC), stringify(doc));
const changesets = () => readdirSync(join(repo, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "inboxkit-spec-diff-"));
  for (const f of ["redocly.yaml", SPEC, `packages/${VENDOR}/package.json`, ".changeset/config.json", ".changeset/README.md"]) {
    mkdirSync(dirname(join(repo, f)), { recursive: true });
    cpSync(join(ROOT, f), join(repo, f));
  }
  git("init", "-q", "-b", "main");
  commit("release");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe(`spec:diff ${VENDOR} in a git repository`, () => {
  it("a committed breaking change without a changeset fails --check, saying what to run; the changeset it writes passes", () => {
    expect(specDiff(VENDOR, "--check").code).toBe(0); // nothing changed since the version was set

    const doc = readSpecDoc();
    const [path, item] = Object.entries<Record<string, { operationId?: string }>>(doc.paths).find(([, it]) => Object.values(it).some((o) => o?.operationId))!;
    const method = Object.keys(item).find((m) => item[m]?.operationId)!;
    const removedId = item[method]!.operationId!;
    delete doc.paths[path][method];
    if (!Object.keys(doc.paths[path]).some((k) => ["get", "put", "post", "delete", "patch", "head", "options", "trace"].includes(k))) delete doc.paths[path];
    writeSpecDoc(doc);
    commit(`remove ${removedId}`);

    const failed = specDiff(VENDOR, "--check");
    expect(failed.code, failed.out).toBe(1);
    expect(failed.out).toContain(`Run \`pnpm spec:diff ${VENDOR}\``);
    expect(failed.out).toContain(`needs a minor bump of @inboxkit/${VENDOR}`);
    expect(failed.out).toContain(`BREAKING  ${removedId}: operation removed`);

    // A patch changeset is not enough for a breaking change.
    writeFileSync(join(repo, ".changeset", "hand-written.md"), `---\n"@inboxkit/${VENDOR}": patch\n---\n\nSomething.\n`);
    commit("a patch changeset");
    const stillFailing = specDiff(VENDOR, "--check");
    expect(stillFailing.code, stillFailing.out).toBe(1);
    expect(stillFailing.out).toContain("only a patch bump");

    const wrote = specDiff(VENDOR);
    expect(wrote.code, wrote.out).toBe(0);
    const file = changesets().find((f) => f.startsWith(`spec-${VENDOR}-`));
    expect(file, wrote.out).toBeDefined();
    const text = readFileSync(join(repo, ".changeset", file!), "utf8");
    expect(text).toMatch(new RegExp(`^---\\n"@inboxkit/${VENDOR}": minor\\n---\\n`));
    expect(text).toContain(`- **Breaking:** \`${removedId}\`: operation removed`);
    commit("changeset");
    const passed = specDiff(VENDOR, "--check");
    expect(passed.code, passed.out).toBe(0);
    expect(passed.out).toContain("covered");
  });

  it("after a release, an additive change needs a patch: --check fails until the changeset is committed", () => {
    // A release as `changeset version` makes it: the version moves, the changesets are consumed.
    const pkgFile = join(repo, "packages", VENDOR, "package.json");
    writeFileSync(pkgFile, `${JSON.stringify({ ...JSON.parse(readFileSync(pkgFile, "utf8")), version: "0.1.0" }, null, 2)}\n`);
    for (const f of changesets()) rmSync(join(repo, ".changeset", f));
    commit("version packages");
    expect(findBase(repo, VENDOR, SPEC)).toMatchObject({ how: "version", rev: git("rev-parse", "HEAD") });
    const clean = specDiff(VENDOR, "--check");
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toContain("no change for client users");

    const doc = readSpecDoc();
    const op = Object.values<Record<string, { operationId?: string; parameters?: unknown[] }>>(doc.paths).flatMap((it) => Object.values(it)).find((o) => o?.operationId)!;
    op.parameters = [...(op.parameters ?? []), { name: "inboxkitTestFilter", in: "query", required: false, description: "A test filter.", schema: { type: "string" } }];
    writeSpecDoc(doc);
    commit("add an optional query parameter");

    const failed = specDiff(VENDOR, "--check");
    expect(failed.code, failed.out).toBe(1);
    expect(failed.out).toContain(`needs a patch bump of @inboxkit/${VENDOR}`);
    expect(failed.out).toContain(`Run \`pnpm spec:diff ${VENDOR}\``);

    expect(specDiff(VENDOR).code).toBe(0);
    const file = changesets().find((f) => f.startsWith(`spec-${VENDOR}-`))!;
    const text = readFileSync(join(repo, ".changeset", file), "utf8");
    expect(text).toContain(`"@inboxkit/${VENDOR}": patch`);
    expect(text).toContain(`\`${op.operationId}\`: optional query parameter \`inboxkitTestFilter\` added`);
    expect(text).not.toContain("**Breaking:**");
    commit("changeset");
    expect(specDiff(VENDOR, "--check").code).toBe(0);
  });

  it("the release tag @inboxkit/<vendor>@<version>, when there is one, is the base", () => {
    const first = git("rev-list", "--max-parents=0", "HEAD");
    git("tag", `@inboxkit/${VENDOR}@0.1.0`, first);
    expect(findBase(repo, VENDOR, SPEC)).toMatchObject({ how: "tag", rev: first });
    // Since the first commit: the operation removed and the parameter added.
    const out = specDiff(VENDOR, "--check").out;
    expect(out).toContain(`since the tag @inboxkit/${VENDOR}@0.1.0`);
    expect(out).toMatch(/2 change\(s\), 1 breaking/);
    git("tag", "-d", `@inboxkit/${VENDOR}@0.1.0`);
  });

  it("without any version commit, the base is the commit that added the spec", () => {
    const other = mkdtempSync(join(tmpdir(), "inboxkit-spec-diff-first-"));
    try {
      const run = (...args: string[]) => execFileSync("git", args, { cwd: other, env: GIT_ENV, encoding: "utf8", stdio: "pipe" }).trim();
      mkdirSync(dirname(join(other, SPEC)), { recursive: true });
      cpSync(join(ROOT, "redocly.yaml"), join(other, "redocly.yaml"));
      cpSync(join(ROOT, SPEC), join(other, SPEC));
      run("init", "-q", "-b", "main");
      run("add", "-A");
      run("commit", "-q", "-m", "spec");
      expect(findBase(other, VENDOR, SPEC)).toMatchObject({ how: "first", rev: run("rev-parse", "HEAD") });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe("the repository", () => {
  it("the pending changesets cover the spec changes of every API since its release", () => {
    const r = spawnSync(process.execPath, [SCRIPT, "--check"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(existsSync(join(ROOT, ".changeset"))).toBe(true);
  });
});
