// vitest globalSetup: one Prism mock per test run of a vendor package, always stopped.
// The vendor is the package directory's name — vitest's `dir` when set (Stryker runs the suite from
// the sandbox root with `dir: packages/<vendor>`), else its root; the spec is specs/<vendor>/openapi.yaml.
// The mock is started by scripts/vitest/mock-server.mjs, the same code the `@inboxkit/mock` sandbox
// bundles: when the spec has `multipart/form-data` request bodies (Desk360's bracket notation), Prism
// mocks a derived copy of the spec (prism-spec.mjs) behind the bracket proxy (bracket-proxy.mjs), and
// the tests get the proxy's URL.
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { startMockServer } from "./mock-server.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const specOf = (vendor: string): string => join(root, "specs", vendor, "openapi.yaml");
  const candidates = [project.config.dir, project.config.root].filter((d): d is string => typeof d === "string").map((d) => basename(d));
  const vendor = candidates.find((v) => existsSync(specOf(v)));
  if (vendor === undefined) throw new Error(`prism-setup: no specs/<vendor>/openapi.yaml for ${candidates.join(" or ")}`);
  const mock = await startMockServer({ spec: specOf(vendor) });
  if (mock.multipart) console.log(`[prism-setup] ${vendor}: Prism (derived spec) behind the bracket proxy ${mock.url}`);
  project.provide("prismUrl", mock.url);
  return mock.stop;
}
