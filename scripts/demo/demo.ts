// The main job's last step: live, typed calls through the BUILT @inboxkit packages against Prism
// mocks of their specs (the sandbox's mock server, started here on 127.0.0.1 and always stopped). Type-checked by `tsc`
// against the packages' published .d.ts before it runs. Each vendor's calls live in
// vendors/<vendor>.ts (`export async function demo(baseUrl, show)`), run in redocly.yaml order.
import { readFileSync } from "node:fs";
import type { Show } from "./vendors/show.js";
type Mock = { url: string; stop: () => Promise<void> };
type StartMock = (options: { spec: string; quiet?: boolean; singlePage?: boolean }) => Promise<Mock>;
// scripts/vitest/mock-server.mjs (the sandbox's mock: Prism, multipart decoding, lists as one page)
// and the root, relative to the compiled file in scripts/demo/dist/.
const { startMockServer } = (await import(new URL("../../vitest/mock-server.mjs", import.meta.url).href)) as { startMockServer: StartMock };
const root = new URL("../../../", import.meta.url);

const show: Show = (label, value) => {
  const text = JSON.stringify(value, null, 2);
  console.log(`\n${label}\n${text.length > 900 ? `${text.slice(0, 900)}\n  … (${text.length} chars)` : text}`);
};

async function withMock(spec: string, run: (url: string) => Promise<void>): Promise<void> {
  console.log(`\n== Mock of ${spec} (Prism; each list answers one page, the spec's example)`);
  const mock = await startMockServer({ spec: new URL(spec, root).pathname, quiet: true, singlePage: true });
  console.log(`   listening on ${mock.url}`);
  try {
    await run(mock.url);
  } finally {
    await mock.stop();
    console.log(`   stopped ${mock.url}`);
  }
}

/** The APIs of redocly.yaml, in order (a two-level YAML read without a parser: `apis:` then `  <name>:` + `    root:`). */
function listApis(): { name: string; spec: string }[] {
  const text = readFileSync(new URL("redocly.yaml", root), "utf8");
  const block = /^apis:\n((?: {2}.*\n|\s*\n)+)/m.exec(text)?.[1] ?? "";
  return [...block.matchAll(/^ {2}([\w-]+):\n {4}root: (\S+)/gm)].map((m) => ({ name: m[1] as string, spec: m[2] as string }));
}

const started = Date.now();
const apis = listApis();
if (apis.length === 0) throw new Error("redocly.yaml names no APIs");
for (const { name, spec } of apis) {
  const { demo } = (await import(`./vendors/${name}.js`)) as { demo: (baseUrl: string, show: Show) => Promise<void> };
  await withMock(spec, (url) => demo(url, show));
}
console.log(`\ndemo: all live calls succeeded for ${apis.map((a) => a.name).join(", ")} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
