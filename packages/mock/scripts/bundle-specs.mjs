#!/usr/bin/env node
// Build step of @inboxkit/mock (after tsup): copies the spec of every API in the root redocly.yaml
// into dist/specs/<vendor>/ and writes dist/vendors.json (title, API version, package, and the
// client snippet the CLI prints, from scripts/docs/clients/<vendor>.mjs). The published package
// reads only these files, never the repository.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { loadVendorClients, renderClientCreation } from "../../../scripts/docs/clients.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, "..");
const root = join(pkgDir, "..", "..");
const dist = join(pkgDir, "dist");
/** What the snippet's baseUrl is until the CLI knows its URL (src/index.ts replaces it). */
const BASE_URL_TOKEN = "__INBOXKIT_MOCK_BASE_URL__";

const config = parse(readFileSync(join(root, "redocly.yaml"), "utf8"));
const apis = Object.entries(config?.apis ?? {});
if (apis.length === 0) throw new Error("redocly.yaml names no APIs");
rmSync(join(dist, "specs"), { recursive: true, force: true });

const vendors = {};
const warnings = [];
for (const [name, api] of apis) {
  const spec = join(root, api.root);
  if (!existsSync(spec)) throw new Error(`${name}: ${api.root} does not exist`);
  const doc = parse(readFileSync(spec, "utf8"));
  // The spec's whole directory: a spec may $ref files next to it.
  const target = join(dist, "specs", name);
  mkdirSync(target, { recursive: true });
  cpSync(dirname(spec), target, { recursive: true });
  const pkgFile = join(root, "packages", name, "package.json");
  const pkg = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, "utf8")) : undefined;
  let snippet = null;
  let packageName = pkg?.name ?? `@inboxkit/${name}`;
  try {
    const clients = await loadVendorClients(name, doc);
    packageName = clients.package;
    const byVariable = new Map(clients.clients.map((c) => [c.variable, c]));
    snippet = renderClientCreation(clients.package, [...byVariable.values()], { credentials: "placeholder", baseUrl: BASE_URL_TOKEN });
  } catch (error) {
    warnings.push(`${name}: no client snippet (${String(error.message).split("\n")[0]})`);
  }
  vendors[name] = {
    name,
    title: String(doc.info?.title ?? name),
    apiVersion: String(doc.info?.version ?? ""),
    spec: relative(dist, join(target, relative(dirname(spec), spec))).split("\\").join("/"),
    package: packageName,
    snippet,
  };
}
writeFileSync(join(dist, "vendors.json"), `${JSON.stringify({ baseUrlToken: BASE_URL_TOKEN, vendors }, null, 2)}\n`);
console.log(`bundle-specs: ${apis.length} vendor spec(s) → dist/specs/ (${Object.keys(vendors).join(", ")}), dist/vendors.json`);
for (const w of warnings) console.warn(`bundle-specs: warning: ${w}`);
