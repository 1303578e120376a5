// The entry points: `.` re-exports the generated exports.ts plus every factory and helper; each
// per-API entry carries the generated exports.ts (which has no per-API table) and its own table only,
// so a browser bundle of `/public` has no platform or application table.
import { describe, expect, it } from "vitest";
import * as application from "../src/application.js";
import * as generated from "../src/generated/exports.js";
import * as index from "../src/index.js";
import * as platform from "../src/platform.js";
import * as publicApi from "../src/public.js";

const TABLES = ["platformOperationTable", "applicationOperationTable", "publicOperationTable"];
const keys = (m: object) => Object.keys(m).sort();

describe("entry points", () => {
  it("generated/exports.ts holds no per-API table", () => {
    expect(keys(generated).filter((k) => TABLES.includes(k))).toEqual([]);
  });

  it("`.` re-exports all of generated/exports.ts plus the three factories and the helpers", () => {
    for (const k of keys(generated)) expect(index[k as keyof typeof index], k).toBe(generated[k as keyof typeof generated]);
    for (const k of ["createNimchatPlatformClient", "createNimchatClient", "createNimchatPublicClient", "identityHash", "nimchatFilter", "otherOperator", "parseNimchatWebhook", "verifyWebhookSecret"]) {
      expect(typeof index[k as keyof typeof index], k).toBe("function");
    }
  });

  it.each([
    ["platform", platform, ["platformOperationTable"], ["createNimchatPlatformClient"]],
    ["application", application, ["applicationOperationTable"], ["createNimchatClient", "nimchatFilter", "parseNimchatWebhook", "verifyWebhookSecret"]],
    ["public", publicApi, ["publicOperationTable"], ["createNimchatPublicClient", "identityHash"]],
  ])("/%s has its own table(s) and factory, the shared exports, and no other API's table", (_name, entry, tables, functions) => {
    const exported = keys(entry);
    for (const k of keys(generated)) expect(exported, k).toContain(k);
    expect(exported.filter((k) => TABLES.includes(k)).sort()).toEqual([...tables].sort());
    for (const f of functions) expect(typeof (entry as Record<string, unknown>)[f], f).toBe("function");
    for (const k of exported) expect((entry as Record<string, unknown>)[k], k).toBe((index as Record<string, unknown>)[k]);
  });
});

describe("bundles", () => {
  // What a bundler keeps of each per-API entry (the runtime left external): only that API's operations.
  it.each([
    ["public", ["public.contacts.create"], ["platform.accounts.create", "application.contacts.create"]],
    ["platform", ["platform.accounts.create"], ["application.contacts.create", "public.contacts.create"]],
    ["application", ["application.contacts.create"], ["platform.accounts.create", "public.contacts.create"]],
  ])("/%s carries its own operations and none of the other APIs'", async (entry, present, absent) => {
    const { build } = await import("esbuild");
    const result = await build({
      entryPoints: [new URL(`../src/${entry}.ts`, import.meta.url).pathname],
      bundle: true,
      format: "esm",
      platform: "neutral",
      write: false,
      external: ["@inboxkit/runtime"],
      logLevel: "silent",
    });
    const text = result.outputFiles[0]?.text ?? "";
    for (const id of present) expect(text, id).toContain(`"${id}"`);
    for (const id of absent) expect(text, id).not.toContain(`"${id}"`);
  });
});
