// How each vendor's InboxKit client is created, for everything that shows a user the code: the code
// samples of the docs pages (scripts/docs/code-samples.mjs) and the snippet `@inboxkit/mock` prints.
//
// One small file per vendor, scripts/docs/clients/<vendor>.mjs (the vendor = its API name in the root
// redocly.yaml), whose default export is a `VendorClients`:
//
//   export default {
//     clients: [
//       {
//         factory: "createDesk360Client",            // what the package exports
//         variable: "desk360",                       // the name the samples give the client
//         options: {                                 // the factory's options
//           email: { env: "DESK360_EMAIL", placeholder: "ops@example.org" },   // a credential
//           domain: "acme",                                                      // a plain value
//         },
//         curl: `-H "Authorization: Bearer $DESK360_TOKEN"`,   // optional: curl's auth arguments
//       },
//     ],
//   };
//
// A credential is written `process.env.<env>!` in the docs and as its placeholder in the mock's
// snippet. The mock's snippet always sets `baseUrl` to the mock; the docs' samples use the options
// as given, plus `baseUrl: "<the spec's server URL>"` when that URL has variables (a self-hosted
// vendor: the client has no default then) and the options give none. A spec with several APIs (`x-inboxkit.apis`) gives one entry per API (`api: "platform"`);
// an API whose operations accept different credentials may give one entry per security scheme
// (`schemes: ["agentBotToken"]`), and an operation then uses the first entry that accepts one of
// its schemes. `package` (default `@inboxkit/<vendor>`) names the npm package.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Where the per-vendor files live. */
export const CLIENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "clients");

/**
 * @typedef {string | number | boolean | { env: string, placeholder: string }} OptionValue
 * @typedef {{ api?: string, schemes?: string[], factory: string, variable: string, options: Record<string, OptionValue>, curl?: string }} ClientSetup
 * @typedef {{ package?: string, clients: ClientSetup[] }} VendorClients
 * @typedef {{ vendor: string, package: string, clients: ClientSetup[] }} LoadedClients
 */

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** The file a vendor needs, with a template, for error messages. */
function missingMessage(vendor, why) {
  return (
    `scripts/docs/clients/${vendor}.mjs ${why}. Every API of redocly.yaml needs this small file: it says how the ` +
    `docs' code samples and the @inboxkit/mock snippet create the client, e.g.\n\n` +
    `  export default { clients: [{ factory: "create…Client", variable: "${vendor}", options: { apiKey: { env: "${vendor.toUpperCase()}_API_KEY", placeholder: "key" } } }] };\n\n` +
    `(one entry per API, with \`api: "<name>"\`, when the spec has x-inboxkit.apis; see scripts/docs/clients.mjs).`
  );
}

/**
 * Checks a vendor's `VendorClients` and returns it with the package name filled in.
 * @param {string} vendor
 * @param {unknown} value the file's default export
 * @param {string[] | undefined} apis the names of the spec's `x-inboxkit.apis`, when it has several APIs
 * @returns {LoadedClients}
 */
export function checkVendorClients(vendor, value, apis) {
  const fail = (why) => {
    throw new Error(missingMessage(vendor, why));
  };
  if (!value || typeof value !== "object" || !Array.isArray(value.clients) || value.clients.length === 0) fail("has no `clients` list in its default export");
  for (const [i, c] of value.clients.entries()) {
    const at = `clients[${i}]`;
    if (!c || typeof c.factory !== "string" || !IDENT.test(c.factory)) fail(`${at}: \`factory\` must be the exported function's name`);
    if (typeof c.variable !== "string" || !IDENT.test(c.variable)) fail(`${at}: \`variable\` must be an identifier`);
    if (!c.options || typeof c.options !== "object") fail(`${at}: \`options\` must be an object`);
    for (const [k, v] of Object.entries(c.options)) {
      const ok = ["string", "number", "boolean"].includes(typeof v) || (v && typeof v === "object" && typeof v.env === "string" && typeof v.placeholder === "string");
      if (!ok) fail(`${at}: option \`${k}\` must be a string, number, boolean or { env, placeholder }`);
    }
    if (apis && !apis.includes(c.api)) fail(`${at}: \`api\` must be one of the spec's x-inboxkit.apis (${apis.join(", ")}), got ${c.api}`);
    if (!apis && c.api !== undefined) fail(`${at}: \`api\` given, but the spec has no x-inboxkit.apis`);
    if (c.schemes !== undefined && (!Array.isArray(c.schemes) || c.schemes.some((s) => typeof s !== "string"))) fail(`${at}: \`schemes\` must be a list of security scheme names`);
  }
  for (const api of apis ?? []) if (!value.clients.some((c) => c.api === api)) fail(`has no client for the API "${api}"`);
  return { vendor, package: value.package ?? `@inboxkit/${vendor}`, clients: value.clients };
}

/**
 * Loads scripts/docs/clients/<vendor>.mjs (see the module comment).
 * @param {string} vendor the API's name in redocly.yaml
 * @param {object} [doc] the vendor's spec, to check the file against its `x-inboxkit.apis`
 * @returns {Promise<LoadedClients>}
 */
export async function loadVendorClients(vendor, doc) {
  const file = join(CLIENTS_DIR, `${vendor}.mjs`);
  if (!existsSync(file)) throw new Error(missingMessage(vendor, "does not exist"));
  const mod = await import(pathToFileURL(file).href);
  const apis = doc?.["x-inboxkit"]?.apis ? Object.keys(doc["x-inboxkit"].apis) : undefined;
  return checkVendorClients(vendor, mod.default, apis);
}

/**
 * The client setup an operation is called with: the first of its API whose `schemes` accept one of
 * the operation's security schemes (an entry without `schemes` accepts any).
 * @param {LoadedClients} loaded
 * @param {{ api?: string, schemes?: string[] }} op `schemes`: the operation's security scheme names ([] = no credential)
 * @returns {ClientSetup}
 */
export function clientFor(loaded, { api, schemes = [] }) {
  const candidates = loaded.clients.filter((c) => c.api === api);
  const found =
    candidates.find((c) => c.schemes && schemes.some((s) => c.schemes.includes(s))) ??
    candidates.find((c) => !c.schemes) ??
    (schemes.length === 0 ? candidates[0] : undefined);
  if (!found) throw new Error(`scripts/docs/clients/${loaded.vendor}.mjs: no client${api ? ` of the API "${api}"` : ""} accepts ${schemes.join(" or ")}`);
  return found;
}

/**
 * The options object of a setup as TypeScript source.
 * @param {ClientSetup} setup
 * @param {{ credentials: "env" | "placeholder", baseUrl?: string }} how `env`: `process.env.X!`; `placeholder`: the literal placeholder;
 *   `baseUrl`: added (replacing the setup's own `baseUrl` option, if any)
 */
export function renderOptions(setup, { credentials, baseUrl }) {
  const options = Object.entries(setup.options).filter(([key]) => !(key === "baseUrl" && baseUrl !== undefined));
  const parts = options.map(([key, value]) => {
    const k = IDENT.test(key) ? key : JSON.stringify(key);
    if (value && typeof value === "object") return `${k}: ${credentials === "env" ? `process.env.${value.env}!` : JSON.stringify(value.placeholder)}`;
    return `${k}: ${JSON.stringify(value)}`;
  });
  if (baseUrl !== undefined) parts.push(`baseUrl: ${JSON.stringify(baseUrl)}`);
  return `{ ${parts.join(", ")} }`;
}

/**
 * `import { … } from "<package>";` followed by one `const <variable> = <factory>({ … });` per setup.
 * @param {string} pkg
 * @param {ClientSetup[]} setups
 * @param {{ credentials: "env" | "placeholder", baseUrl?: string }} how
 */
export function renderClientCreation(pkg, setups, how) {
  const factories = [...new Set(setups.map((s) => s.factory))].sort();
  const lines = [`import { ${factories.join(", ")} } from ${JSON.stringify(pkg)};`, ""];
  for (const s of setups) lines.push(`const ${s.variable} = ${s.factory}(${renderOptions(s, how)});`);
  return lines.join("\n");
}
