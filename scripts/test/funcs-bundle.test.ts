// Tree shaking of the standalone operation functions: a bundle of a vendor's core and one function
// (esbuild, ESM, minified, platform neutral, from the built dists, as an application bundler would)
// holds that operation and none of the others, and none of the runtime features it does not use
// (multipart and form encoding, the pagers, the time cursor, webhooks, the request budget unless the
// vendor documents a limit, openapi-fetch's client — `raw` is the client object's —, the validator's
// checkers of keywords its schema does not use); a client object bundles only the iterators its
// table's operations use.
// Each check has a positive
// control (a bundle that does use the feature contains the marker), so a marker that stops matching
// fails here instead of passing vacuously.
//
//   ./node_modules/.bin/vitest run --config vitest.config.ts scripts/test/funcs-bundle.test.ts
//
// Needs the built packages (tsup), like the pack test.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The runtime functions of each feature (the bundle keeps identifiers: minified whitespace and
 * syntax only, so that names can be searched): found in a bundle means the feature is in it.
 */
const FEATURES = {
  multipart: /\b(toMultipart|multipartEncoder)\b/,
  form: /\b(toForm|formEncoder)\b/,
  // Declarations, not names: a client method's `iterateHistory` property is not the time cursor's code.
  pager: /function\*?\s*(iteratePages|iterateItems)\(/,
  timeCursor: /function\*?\s*(iterateHistory|operationHistory|followOperation)\(/,
  webhooks: /\b(parseWebhook|decodeWebhookBody)\b/,
  budget: /\b(RequestBudget|MemoryBudgetStore)\b/,
  // openapi-fetch's client (the `raw` of a client object); its URL serialisers are in every bundle.
  rawClient: /function\s+createClient\(/,
  // The validator's checkers of the keywords only some schemas use.
  union: /function\s+union\(/,
  date: /function\s+isDate\(/,
  jsonContent: /\bjsonContentKeyword\b/,
  uniqueItems: /\buniqueItemsKeyword\b/,
} as const;
type Feature = keyof typeof FEATURES;

interface Case {
  readonly vendor: string;
  readonly core: string;
  /** Operations the core itself calls (the login), besides the function's own. */
  readonly coreOps?: readonly string[];
  /** One plain function: its path must be in the bundle, `otherPaths` must not. */
  readonly func: string;
  readonly path: string;
  readonly otherPaths: readonly string[];
  /** Positive controls: a function whose bundle must contain the feature. */
  readonly controls: Partial<Record<Feature, string>>;
  /** Features every core of the vendor has (Desk360: its documented budget of 60 a minute). */
  readonly coreFeatures?: readonly Feature[];
  /** Features the function's own operation uses (the keyword checkers of its schema). */
  readonly funcFeatures?: readonly Feature[];
}

const CASES: readonly Case[] = [
  { vendor: "helpwise", core: "createHelpwiseCore", func: "mailboxesList", path: '"/mailboxes/list"', otherPaths: ['"/threads/list"', '"/whatsapp/send"'], controls: { pager: "mailboxesListIterate", union: "whatsappSend" } },
  { vendor: "helpshift", core: "createHelpshiftCore", func: "messagesGetUnread", path: '"/v1/{domain}/console/messages/unread"', otherPaths: ['"/v1/{domain}/console/qrcode"'], controls: { form: "webchatCreateLink", jsonContent: "webchatCreateLink", uniqueItems: "webchatCreateLink" } },
  {
    vendor: "desk360",
    core: "createDesk360Core",
    coreOps: ["authLoginOperation"],
    func: "messagesSendText",
    path: '"/v1/integrations/{integrationId}/conversations/messages"',
    otherPaths: ['"/v1/integrations/{integrationId}/conversations/messages/reads"', '"/v1/integrations/{integrationId}/conversations/templates/send"', '"/v1/integrations"'],
    controls: { multipart: "templatesSend", pager: "integrationsListIterate", date: "messagesSendContacts", union: "messagesSendInteractive" },
    coreFeatures: ["budget"],
  },
  {
    vendor: "nimchat",
    core: "createNimchatPublicCore",
    func: "publicMessagesCreate",
    path: '"/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages"',
    otherPaths: ['"/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages"', '"/platform/api/v1/accounts"', '"/public/api/v1/inboxes/{inbox_identifier}/contacts"'],
    controls: { multipart: "applicationContactsCreate", pager: "applicationContactsListIterate" },
  },
  {
    vendor: "wabbit",
    core: "createWabbitCore",
    coreOps: ["authTokenOperation"],
    func: "messagesCreate",
    path: '"/api/v1/messages/"',
    otherPaths: ['"/api/v1/chats/"', '"/api/v1/tags/"', '"/api/v1/users/{id}/"'],
    controls: { multipart: "mediaCreate", pager: "tagsListIterate", timeCursor: "messagesListIterateHistory" },
    // Its body is a union of the message kinds: the union checker travels with it.
    funcFeatures: ["union"],
  },
];

/** The minified bundle of the vendor's built core and one function, or of `imports` (entry file → names). */
async function bundle(vendor: string, core: string, func: string, imports?: Readonly<Record<string, string>>): Promise<{ code: string; inputs: string[] }> {
  const dist = join(ROOT, "packages", vendor, "dist");
  const wanted = imports ?? { "core.js": core, "funcs.js": func };
  for (const f of Object.keys(wanted)) if (!existsSync(join(dist, f))) throw new Error(`packages/${vendor}/dist/${f} is missing: build the package first (tsup)`);
  const contents = Object.entries(wanted).map(([file, names]) => `export { ${names} } from ${JSON.stringify(join(dist, file))};\n`).join("");
  const result = await esbuild.build({
    stdin: { contents, resolveDir: ROOT, sourcefile: "entry.js", loader: "js" },
    bundle: true,
    // Whitespace and syntax minified as in production; identifiers kept so features can be named.
    minifyWhitespace: true,
    minifySyntax: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return { code: result.outputFiles[0]!.text, inputs: Object.entries(output.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k) };
}

describe.each(CASES)("core + one standalone function of $vendor", (c) => {
  it(`${c.core} + ${c.func} holds that operation only, and no unused feature`, async () => {
    const { code, inputs } = await bundle(c.vendor, c.core, c.func);
    expect(code).toContain(c.path);
    for (const other of c.otherPaths) expect(code, `another operation's path ${other}`).not.toContain(other);
    for (const [feature, marker] of Object.entries(FEATURES)) {
      if (c.coreFeatures?.includes(feature as Feature) || c.funcFeatures?.includes(feature as Feature)) expect(code, `${feature} code (${marker})`).toMatch(marker);
      else expect(code, `${feature} code (${marker})`).not.toMatch(marker);
    }
    // Of the generated operation consts, only this function's (and the ones the core logs in with).
    const ops = [...new Set(code.match(/\b\w+Operation\b(?=\s*=)/g) ?? [])].sort();
    expect(ops).toEqual([`${c.func}Operation`, ...(c.coreOps ?? [])].sort());
    expect(code).not.toMatch(/\w*[oO]perationTable\b/);
    expect(inputs.some((p) => p.includes("runtime/dist"))).toBe(true);
  });

  it.each(Object.entries(c.controls))("positive control: a bundle of %s's function %s contains it", async (feature, func) => {
    const { code } = await bundle(c.vendor, c.core, func as string);
    expect(code).toMatch(FEATURES[feature as Feature]);
  });
});

describe("the request budget on a core without a documented limit", () => {
  it.each(CASES.filter((c) => !c.coreFeatures?.includes("budget")))("positive control: $vendor's core with requestBudget(…) bundles the budget", async (c) => {
    const { code } = await bundle(c.vendor, c.core, c.func, { "core.js": c.core, "funcs.js": c.func, "index.js": "requestBudget" });
    expect(code).toMatch(FEATURES.budget);
  });
});

/** Client factories and the iterators their tables use: a client bundles no pager or time cursor it cannot call. */
const CLIENTS: readonly { vendor: string; entry: string; client: string; has: readonly Feature[]; lacks: readonly Feature[] }[] = [
  { vendor: "helpshift", entry: "index.js", client: "createHelpshiftClient", has: ["budget", "rawClient"], lacks: ["pager", "timeCursor", "webhooks"] },
  { vendor: "nimchat", entry: "public.js", client: "createNimchatPublicClient", has: ["budget", "rawClient"], lacks: ["pager", "timeCursor", "webhooks"] },
  { vendor: "helpwise", entry: "index.js", client: "createHelpwiseClient", has: ["pager", "budget", "rawClient"], lacks: ["timeCursor", "webhooks"] },
  { vendor: "wabbit", entry: "index.js", client: "createWabbitClient", has: ["pager", "timeCursor", "budget", "rawClient"], lacks: [] },
];

describe.each(CLIENTS)("the $vendor client factory ($client)", (c) => {
  it(`holds ${c.has.join(", ")}${c.lacks.length ? ` and no ${c.lacks.join(", ")}` : ""}`, async () => {
    const { code } = await bundle(c.vendor, "", "", { [c.entry]: c.client });
    for (const feature of c.has) expect(code, `${feature} code`).toMatch(FEATURES[feature]);
    for (const feature of c.lacks) expect(code, `${feature} code`).not.toMatch(FEATURES[feature]);
  });
});
