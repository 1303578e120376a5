// vitest globalSetup: one Prism mock per test run of a vendor package, always stopped.
// The vendor is the package directory's name; the spec is specs/<vendor>/openapi.yaml.
import { basename } from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM helper without types
import { startPrism } from "../prism.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const vendor = basename(project.config.root);
  const prism = await startPrism(`specs/${vendor}/openapi.yaml`);
  project.provide("prismUrl", prism.url);
  return async () => {
    await prism.stop();
  };
}
