// A small fake vendor for the runtime's unit tests: every test passes its own fetch.
import { createApiClient, type ClientOptions, type OperationMeta, type VendorMeta, type VendorWiring } from "../src/index.js";

export const vendor: VendorMeta = { name: "Acme", baseUrl: "https://api.acme.test/v1", envelope: "data", errorCode: ["error", "code"], errorMessage: ["error", "message"] };

export const table: OperationMeta[] = [
  { id: "items.list", method: "POST", path: "/items/list", idempotent: true, body: ["json"], pagination: { style: "page", page: "page", limit: "limit", pageSize: 2, items: ["data"] }, schema: { type: "object", properties: { page: { type: "integer", minimum: 1 }, limit: { type: "integer", minimum: 1, maximum: 100 } }, additionalProperties: false } },
  { id: "items.get", method: "GET", path: "/items/{itemId}", idempotent: true, pathParams: ["itemId"], queryParams: ["expand"], schema: { type: "object", properties: { itemId: { type: "string" }, expand: { type: "boolean" } }, required: ["itemId"], additionalProperties: false } },
  { id: "messages.send", method: "POST", path: "/messages", idempotent: false, body: ["json"], schema: { type: "object", properties: { to: { type: "string", pattern: "^\\+[1-9][0-9]{6,14}$" }, text: { type: "string", maxLength: 10 } }, required: ["to", "text"], additionalProperties: false } },
  { id: "events.list", method: "GET", path: "/events", idempotent: true, queryParams: ["page"], pagination: { style: "link", page: "page", items: ["data"] }, schema: { type: "object", properties: { page: { type: "integer" } }, additionalProperties: false } },
  { id: "files.download", method: "GET", path: "/files/{fileId}", idempotent: true, pathParams: ["fileId"], response: "binary" },
  { id: "files.upload", method: "POST", path: "/files", idempotent: false, body: ["json", "multipart"] },
  { id: "forms.submit", method: "POST", path: "/forms", idempotent: false, body: ["form"], jsonFields: ["meta"] },
];

type Fn = (params?: Record<string, unknown>, options?: Record<string, unknown>) => Promise<any>;
export type AcmeApi = {
  items: { list: Fn & { iterate: (p?: Record<string, unknown>) => AsyncIterable<any>; pages: (p?: Record<string, unknown>) => AsyncIterable<any> }; get: Fn };
  messages: { send: Fn };
  events: { list: Fn & { iterate: (p?: Record<string, unknown>) => AsyncIterable<any> } };
  files: { download: Fn; upload: Fn };
  forms: { submit: Fn };
};

export const SECRET = "sk_live_SUPERSECRET_123";

/** A recorded request. */
export interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
  signal: AbortSignal | null | undefined;
}

/** A fetch that answers from a queue of handlers and records each call. */
export function scriptedFetch(...handlers: ((call: Call, n: number) => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const call: Call = { url, method: init.method ?? "GET", headers: new Headers(init.headers), body: init.body, signal: init.signal };
    calls.push(call);
    const handler = handlers[Math.min(calls.length - 1, handlers.length - 1)];
    if (!handler) throw new Error("no handler");
    return handler(call, calls.length);
  };
  return { fetch, calls };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export function acme(options: ClientOptions = {}, wiring: VendorWiring = {}) {
  return createApiClient<{}, AcmeApi>(vendor, table, { retry: { initialDelayMs: 1, maxDelayMs: 5 }, ...options }, {
    headers: { Authorization: `Bearer ${SECRET}` },
    secrets: [SECRET],
    ...wiring,
  });
}
