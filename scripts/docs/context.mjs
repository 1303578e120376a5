// What the docs build knows about a vendor besides its spec: how its client is created
// (scripts/docs/clients/<vendor>.mjs), its package README and its package.json. Read once per page
// and handed to `decorateForDocs` (scripts/build-docs.mjs).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadVendorClients } from "./clients.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * @typedef {{
 *   vendor: string,
 *   clients: import("./clients.mjs").LoadedClients,
 *   readme: string | undefined,
 *   packageJson: { name: string, version: string } | undefined,
 * }} DocsContext
 */

/** packages/<vendor>/package.json, or undefined when the vendor has no package yet. */
export async function readPackageJson(vendor) {
  const file = join(root, "packages", vendor, "package.json");
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, "utf8"));
}

/**
 * The docs context of one API of redocly.yaml.
 * @param {string} vendor the API's name
 * @param {object} doc its parsed spec
 * @returns {Promise<DocsContext>}
 */
export async function docsContext(vendor, doc) {
  const readmeFile = join(root, "packages", vendor, "README.md");
  return {
    vendor,
    clients: await loadVendorClients(vendor, doc),
    readme: existsSync(readmeFile) ? await readFile(readmeFile, "utf8") : undefined,
    packageJson: await readPackageJson(vendor),
  };
}
