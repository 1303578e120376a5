// README examples compile: every ```ts block of the root README and of each package README is
// type-checked (strict) against the built packages, as a user would paste it. A README may declare
// what its blocks take from one another in a comment `<!-- typecheck: declare const x: T; -->`.
// Each block becomes one module: its imports first, then that prelude, then its code in a block
// scope (so a block may redeclare a name the prelude declares).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const OUT = join(ROOT, "node_modules", ".cache", "inboxkit-readme");
const readmes = ["README.md", ...readdirSync(join(ROOT, "packages")).map((p) => join("packages", p, "README.md"))].filter((f) => existsSync(join(ROOT, f)));

interface Block { readme: string; index: number; line: number; file: string }

function extract(readme: string): Block[] {
  const text = readFileSync(join(ROOT, readme), "utf8");
  const prelude = [...text.matchAll(/<!--\s*typecheck:([\s\S]*?)-->/g)].map((m) => (m[1] as string).trim()).join("\n");
  const blocks: Block[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "```ts") continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]?.trim() !== "```") end++;
    const code = lines.slice(start, end);
    const imports = code.filter((l) => /^import\s/.test(l));
    const body = code.filter((l) => !/^import\s/.test(l));
    const name = `${readme.replace(/[\\/]/g, "_").replace(/\.md$/, "")}-${blocks.length + 1}.mts`;
    writeFileSync(join(OUT, name), `${imports.join("\n")}\n{\n${prelude}\n{\n${body.join("\n")}\n}\n}\nexport {};\n`);
    blocks.push({ readme, index: blocks.length + 1, line: start + 1, file: name });
    i = end;
  }
  return blocks;
}

describe("README examples", () => {
  it("every ```ts block type-checks against the built packages", () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const blocks = readmes.flatMap(extract);
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    writeFileSync(
      join(OUT, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom", "dom.iterable"], types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")], skipLibCheck: true, noUnusedLocals: false },
        include: ["*.mts"],
      }),
    );
    let output = "";
    try {
      execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", OUT], { cwd: OUT, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    const located = output.replace(/^(\S+\.mts)\((\d+),(\d+)\)/gm, (_, file: string, line: string) => {
      const block = blocks.find((b) => file.split("/").pop() === b.file);
      return block ? `${block.readme} block ${block.index} (README line ~${block.line}), module line ${line}` : file;
    });
    expect(located).toBe("");
  });
});
