// Versioning: changesets versions each package on its own. In a scratch copy of the workspace's
// manifests and .changeset/, `changeset version` must bump exactly the packages that have a
// changeset (and the dependents of a bumped runtime), and write their changelogs.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CHANGESET = join(ROOT, "node_modules", ".bin", "changeset");
const packages = readdirSync(join(ROOT, "packages")).filter((d) => existsSync(join(ROOT, "packages", d, "package.json")));
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string; dependencies?: Record<string, string> };
/** The packages that depend on @inboxkit/runtime (the vendor clients; not, e.g., @inboxkit/mock). */
const dependents = packages.filter((p) => manifest(join(ROOT, "packages", p)).dependencies?.["@inboxkit/runtime"] !== undefined);
let scratch: string | undefined;

/** A copy of the workspace with only manifests and the given changesets. */
function workspace(changesets: Record<string, string> | "repo"): string {
  scratch = mkdtempSync(join(tmpdir(), "inboxkit-changesets-"));
  for (const f of ["package.json", "pnpm-workspace.yaml"]) cpSync(join(ROOT, f), join(scratch, f));
  for (const p of packages) {
    mkdirSync(join(scratch, "packages", p), { recursive: true });
    cpSync(join(ROOT, "packages", p, "package.json"), join(scratch, "packages", p, "package.json"));
  }
  mkdirSync(join(scratch, ".changeset"));
  cpSync(join(ROOT, ".changeset", "config.json"), join(scratch, ".changeset", "config.json"));
  if (changesets === "repo") {
    for (const f of readdirSync(join(ROOT, ".changeset"))) if (f.endsWith(".md") && f !== "README.md") cpSync(join(ROOT, ".changeset", f), join(scratch, ".changeset", f));
  } else for (const [name, text] of Object.entries(changesets)) writeFileSync(join(scratch, ".changeset", `${name}.md`), text);
  return scratch;
}

function versions(dir: string): Record<string, string> {
  return Object.fromEntries(packages.map((p) => { const m = manifest(join(dir, "packages", p)); return [m.name, m.version]; }));
}

afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe("changeset version", () => {
  it("the repo's pending changesets bump each package on its own and write its changelog", () => {
    const dir = workspace("repo");
    const before = versions(dir);
    execFileSync(CHANGESET, ["version"], { cwd: dir, stdio: "pipe" });
    const after = versions(dir);
    for (const p of packages) {
      const name = manifest(join(dir, "packages", p)).name;
      if (after[name] !== before[name]) expect(readFileSync(join(dir, "packages", p, "CHANGELOG.md"), "utf8")).toContain(`## ${after[name]}`);
    }
    // Exactly the packages named in the pending changesets were bumped (the runtime's dependents too, if it is named).
    const named = new Set<string>();
    for (const f of readdirSync(join(ROOT, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md")) {
      for (const m of readFileSync(join(ROOT, ".changeset", f), "utf8").matchAll(/^"(@inboxkit\/[\w-]+)":\s*(patch|minor|major)$/gm)) named.add(m[1] as string);
    }
    if (named.has("@inboxkit/runtime")) for (const p of dependents) named.add(manifest(join(dir, "packages", p)).name);
    for (const [name, version] of Object.entries(after)) expect(version !== before[name], name).toBe(named.has(name));
    expect(readdirSync(join(dir, ".changeset")).filter((f) => f.endsWith(".md"))).toEqual([]);
  });

  it("a changeset for one vendor bumps only that vendor", () => {
    const dir = workspace({ "fix-helpwise": '---\n"@inboxkit/helpwise": patch\n---\n\nFix the paging of contacts.search.\n' });
    const before = versions(dir);
    execFileSync(CHANGESET, ["version"], { cwd: dir, stdio: "pipe" });
    const after = versions(dir);
    for (const [name, version] of Object.entries(after)) {
      if (name === "@inboxkit/helpwise") expect(version).not.toBe(before[name]);
      else expect(version, name).toBe(before[name]);
    }
    expect(readFileSync(join(dir, "packages", "helpwise", "CHANGELOG.md"), "utf8")).toContain("Fix the paging of contacts.search.");
    for (const p of packages.filter((p) => p !== "helpwise")) expect(existsSync(join(dir, "packages", p, "CHANGELOG.md")), p).toBe(false);
  });

  it("a runtime change bumps the runtime and patches the vendors that depend on it", () => {
    const dir = workspace({ "runtime-fix": '---\n"@inboxkit/runtime": minor\n---\n\nNew retry option.\n' });
    const before = versions(dir);
    execFileSync(CHANGESET, ["version"], { cwd: dir, stdio: "pipe" });
    const after = versions(dir);
    expect(after["@inboxkit/runtime"]).not.toBe(before["@inboxkit/runtime"]);
    expect(dependents.length).toBeGreaterThan(0);
    for (const p of dependents) {
      const { name } = manifest(join(dir, "packages", p));
      expect(after[name], name).not.toBe(before[name]);
      expect(JSON.parse(readFileSync(join(dir, "packages", p, "package.json"), "utf8")).dependencies["@inboxkit/runtime"]).toBe("workspace:^");
    }
  });
});
