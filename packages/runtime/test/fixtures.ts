// A small fake vendor for the runtime's unit tests: every test passes its own fetch.
import { createApiClient, formEncoder, multipartEncoder, type APIPromise, type ClientOptions, type OperationMeta, type VendorMeta, type VendorWiring } from "../src/index.js";

export const vendor: VendorMeta = { name: "Acme", baseUrl: "https://api.acme.test/v1", envelope: "data", errorCode: ["error", "code"], errorMessage: ["error", "message"] };

export const table: OperationMeta[] = [
  { id: "items.list", method: "POST", path: "/items/list", idempotent: true, body: ["json"], pagination: { style: "page", page: "page", limit: "limit", pageSize: 2, items: ["data"] }, schema: { type: "object", properties: { page: { type: "integer", minimum: 1 }, limit: { type: "integer", minimum: 1, maximum: 100 } }, additionalProperties: false } },
  { id: "items.get", method: "GET", path: "/items/{itemId}", idempotent: true, pathParams: ["itemId"], queryParams: ["expand"], schema: { type: "object", properties: { itemId: { type: "string" }, expand: { type: "boolean" } }, required: ["itemId"], additionalProperties: false } },
  { id: "messages.send", method: "POST", path: "/messages", idempotent: false, body: ["json"], schema: { type: "object", properties: { to: { type: "string", pattern: "^\\+[1-9][0-9]{6,14}$" }, text: { type: "string", maxLength: 10 } }, required: ["to", "text"], additionalProperties: false } },
  { id: "events.list", method: "GET", path: "/events", idempotent: true, queryParams: ["page"], pagination: { style: "link", page: "page", items: ["data"] }, schema: { type: "object", properties: { page: { type: "integer" } }, additionalProperties: false } },
  { id: "files.download", method: "GET", path: "/files/{fileId}", idempotent: true, pathParams: ["fileId"], response: "binary" },
  { id: "files.upload", method: "POST", path: "/files", idempotent: false, body: ["json", "multipart"], encoders: { multipart: multipartEncoder } },
  { id: "forms.submit", method: "POST", path: "/forms", idempotent: false, body: ["form"], jsonFields: ["meta"], encoders: { form: formEncoder } },
  { id: "people.list", method: "GET", path: "/people", idempotent: true, queryParams: ["page", "per_page"], pagination: { style: "page", page: "page", limit: "per_page", pageSize: 3, total: ["meta", "count"], items: ["data"] } },
  { id: "posts.list", method: "GET", path: "/accounts/{accountId}/posts", idempotent: true, pathParams: ["accountId"], queryParams: ["page", "q"], pagination: { style: "next", next: ["next"], items: ["results"] } },
  { id: "logs.list", method: "GET", path: "/logs", idempotent: true, queryParams: ["before", "limit"], pagination: { style: "cursor", param: "before", field: ["id"], pick: "last", items: ["data"] } },
  {
    id: "chats.history", method: "GET", path: "/chats/{chatId}/messages", idempotent: true, pathParams: ["chatId"], queryParams: ["before_time", "since_time", "offset", "limit"],
    timeCursor: { before: "before_time", since: "since_time", time: ["payload", "timestamp"], id: ["payload", "id"], offset: "offset", limit: "limit", items: ["results"] },
  },
];

type Fn = (params?: Record<string, unknown>, options?: Record<string, unknown>) => APIPromise<any>;
type Paged = Fn & { iterate: (p?: Record<string, unknown>, o?: Record<string, unknown>) => AsyncIterable<any>; pages: (p?: Record<string, unknown>, o?: Record<string, unknown>) => AsyncIterable<any> };
export type AcmeApi = {
  items: { list: Fn & { iterate: (p?: Record<string, unknown>) => AsyncIterable<any>; pages: (p?: Record<string, unknown>) => AsyncIterable<any> }; get: Fn };
  messages: { send: Fn };
  events: { list: Fn & { iterate: (p?: Record<string, unknown>) => AsyncIterable<any>; pages: (p?: Record<string, unknown>) => AsyncIterable<any> } };
  people: { list: Paged };
  posts: { list: Paged };
  logs: { list: Paged };
  chats: { history: Fn & { iterateHistory: (p?: Record<string, unknown>, o?: Record<string, unknown>) => AsyncIterable<any>; follow: (p?: Record<string, unknown>, o?: Record<string, unknown>) => AsyncIterable<any> } };
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

/** Collects an async iterable, or the error it ends with: `{ items, error }`. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

/** A `sleep` that records the waits asked for and resolves at once (abortable like the real one). */
export function recordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal | null): Promise<void> => {
    waits.push(ms);
    if (signal?.aborted) throw new DOMException("aborted", "AbortError");
  };
  return { sleep, waits };
}
