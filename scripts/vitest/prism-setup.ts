// vitest globalSetup: one Prism mock per test run of a vendor package, always stopped.
// The vendor is the package directory's name; the spec is specs/<vendor>/openapi.yaml.
// When the spec has `multipart/form-data` request bodies (Desk360's bracket notation), Prism mocks a
// derived copy of the spec (scripts/vitest/prism-spec.mjs) behind the bracket proxy
// (scripts/vitest/bracket-proxy.mjs), and the tests get the proxy's URL.
import { rm } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM helper without types
import { startBracketProxy } from "./bracket-proxy.mjs";
// @ts-expect-error plain ESM helper without types
import { derivePrismSpec, specHasMultipart } from "./prism-spec.mjs";
// @ts-expect-error plain ESM helper without types
import { startPrism } from "../prism.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

type Stoppable = { url: string; stop: () => Promise<void> };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const vendor = basename(project.config.root);
  const spec = `specs/${vendor}/openapi.yaml`;
  if (!(await specHasMultipart(join(root, spec)))) {
    const prism: Stoppable = await startPrism(spec);
    project.provide("prismUrl", prism.url);
    return async () => {
      await prism.stop();
    };
  }

  const derived: string = await derivePrismSpec(join(root, spec));
  const cleanup: Array<() => Promise<void>> = [() => rm(dirname(derived), { recursive: true, force: true })];
  const teardown = async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };
  try {
    // startPrism takes a path relative to the repo root; the derived spec lives in a temp dir.
    const prism: Stoppable = await startPrism(relative(root, derived));
    cleanup.push(() => prism.stop());
    const proxy: Stoppable = await startBracketProxy(prism.url, { spec: derived });
    cleanup.push(() => proxy.stop());
    console.log(`[prism-setup] ${vendor}: Prism ${prism.url} (derived spec) behind the bracket proxy ${proxy.url}`);
    project.provide("prismUrl", proxy.url);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
