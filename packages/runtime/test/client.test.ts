// Part A wiring: self-hosted vendors (no default baseUrl), per-operation credential schemes, and
// union (oneOf) request bodies.
import { describe, expect, it } from "vitest";
import { createApiClient, unionKeyword, ValidationError, type OperationMeta, type Schema, type VendorMeta } from "../src/index.js";
import { json, scriptedFetch } from "./fixtures.js";

const selfHosted: VendorMeta = { name: "Nimchat", errorCode: ["error"], errorMessage: ["message"] };

// A message-create body as the generator emits a top-level oneOf: every alternative carries the
// path and query parameters too, and is closed (additionalProperties: false).
const params = { account_id: { type: "integer" }, conversation_id: { type: "integer" }, notify: { type: "boolean" } } as const;
const kinds = ["text", "image", "video", "audio", "file", "location", "contact", "template"];
const extra: Record<string, Record<string, Schema>> = {
  text: { content: { type: "string", minLength: 1, maxLength: 20 } },
  image: { url: { type: "string" }, caption: { type: "string" } },
  video: { url: { type: "string" } },
  audio: { url: { type: "string" } },
  file: { url: { type: "string" }, filename: { type: "string" } },
  location: { latitude: { type: "number", minimum: -90, maximum: 90 }, longitude: { type: "number", minimum: -180, maximum: 180 } },
  contact: { name: { type: "string" } },
  template: { template_id: { type: "integer" } },
};
const required: Record<string, string[]> = { text: ["content"], image: ["url"], video: ["url"], audio: ["url"], file: ["url"], location: ["latitude", "longitude"], contact: ["name"], template: ["template_id"] };
const unionSchema: Schema = {
  type: "object",
  oneOf: kinds.map((kind) => ({
    type: "object",
    properties: { ...params, type: { type: "string", enum: [kind] }, ...extra[kind] },
    required: ["conversation_id", "type", ...(required[kind] ?? [])],
    additionalProperties: false,
  })),
};

const table: OperationMeta[] = [
  { id: "application.contacts.filter", method: "POST", path: "/api/v1/accounts/{account_id}/contacts/filter", idempotent: true, pathParams: ["account_id"], body: ["json"], auth: ["userApiKey"] },
  { id: "application.messages.create", method: "POST", path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages", idempotent: false, pathParams: ["account_id", "conversation_id"], queryParams: ["notify"], body: ["json"], schema: unionSchema, keywords: { union: unionKeyword }, auth: ["userApiKey", "agentBotApiKey"] },
  { id: "public.inboxes.get", method: "GET", path: "/public/api/v1/inboxes/{inbox}", idempotent: true, pathParams: ["inbox"], noAuth: true },
];

type Fn = (params?: Record<string, unknown>, options?: Record<string, unknown>) => Promise<any>;
type Api = { contacts: { filter: Fn }; messages: { create: Fn }; inboxes: { get: Fn } };

function nimchat(fetch: ReturnType<typeof scriptedFetch>["fetch"], scheme = "agentBotApiKey") {
  return createApiClient<{}, Api>(selfHosted, table, { baseUrl: "https://chat.example.org", fetch, retry: false }, {
    headers: { api_access_token: "bot-token-1234" },
    secrets: ["bot-token-1234"],
    scheme,
    pathDefaults: { account_id: "3" },
  });
}

describe("self-hosted vendors", () => {
  it("without a default server, baseUrl is required and says so", () => {
    const error = (() => {
      try {
        createApiClient(selfHosted, table, {});
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "baseUrl", message: "is required for Nimchat (self-hosted: the URL of your installation)" }]);
    expect(() => createApiClient(selfHosted, table, { baseUrl: "https://chat.example.org/" })).not.toThrow();
  });
});

describe("credential schemes", () => {
  it("refuses, before sending, an operation that does not accept the client's credential", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}));
    const error = await nimchat(fetch).contacts.filter({}).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe("Nimchat application.contacts.filter cannot be called with agentBotApiKey credentials (it accepts userApiKey)");
    expect(calls).toHaveLength(0);
  });

  it("raw openapi-fetch calls are refused the same way", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}));
    const client = nimchat(fetch) as unknown as { raw: { POST: (path: string, init: unknown) => Promise<unknown> } };
    await expect(client.raw.POST("/api/v1/accounts/{account_id}/contacts/filter", { params: { path: { account_id: 3 } }, body: {} })).rejects.toThrow(
      "Nimchat application.contacts.filter cannot be called with agentBotApiKey credentials (it accepts userApiKey)",
    );
    expect(calls).toHaveLength(0);
  });

  it("accepted schemes and no-auth operations go through", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ id: 1 }));
    const client = nimchat(fetch, "userApiKey");
    await client.contacts.filter({});
    await nimchat(fetch).messages.create({ conversation_id: 9, type: "text", content: "hi" });
    await nimchat(fetch).inboxes.get({ inbox: "abc" });
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      "POST /api/v1/accounts/3/contacts/filter",
      "POST /api/v1/accounts/3/conversations/9/messages",
      "GET /public/api/v1/inboxes/abc",
    ]);
  });
});

describe("union (oneOf) request bodies", () => {
  const issuesOf = async (params: Record<string, unknown>) => {
    const { fetch, calls } = scriptedFetch(() => json({}));
    const error = await nimchat(fetch).messages.create(params).catch((e) => e);
    expect(calls).toHaveLength(0);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  };

  it("reports the issues of the alternative whose `type` matches, not all eight", async () => {
    expect(await issuesOf({ conversation_id: 9, type: "text", content: "x".repeat(21) })).toEqual([{ path: "content", message: "must be at most 20 characters (got 21)" }]);
    expect(await issuesOf({ conversation_id: 9, type: "location", latitude: 91 })).toEqual([
      { path: "longitude", message: "is required" },
      { path: "latitude", message: "must be <= 90 (got 91)" },
    ]);
    expect(await issuesOf({ conversation_id: 9, type: "image", url: "u", content: "hi" })).toEqual([{ path: "content", message: "is not a known parameter" }]);
  });

  it("names the discriminator when it is missing or unknown", async () => {
    const list = kinds.map((k) => JSON.stringify(k)).join(", ");
    expect(await issuesOf({ conversation_id: 9, content: "hi" })).toEqual([{ path: "type", message: `is required (one of ${list})` }]);
    expect(await issuesOf({ conversation_id: 9, type: "sticker" })).toEqual([{ path: "type", message: `must be one of ${list}, got "sticker"` }]);
  });

  it("still splits path and query parameters off the body", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ id: 1 }));
    await nimchat(fetch).messages.create({ conversation_id: 9, notify: true, type: "image", url: "https://x/y.png", caption: "c" });
    expect(calls[0]?.url).toBe("https://chat.example.org/api/v1/accounts/3/conversations/9/messages?notify=true");
    expect(JSON.parse(String(calls[0]?.body))).toEqual({ type: "image", url: "https://x/y.png", caption: "c" });
  });
});
