// createApiCore: the pipeline without a table, on which createApiClient (withOperations) is built —
// a call through the core is the client method's request, the operation's encoders are what encode
// its body, a core of one API refuses another API's operations, and the iterators page through it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientParts, createApiCore, followOperation, iterateOperation, MemoryBudgetStore, operationHistory, operationPages, requestBudget, ValidationError, withOperations, type OperationMeta } from "../src/index.js";
import { acme, drain, json, scriptedFetch, SECRET, table, vendor, type AcmeApi } from "./fixtures.js";

const op = (id: string): OperationMeta => table.find((o) => o.id === id) as OperationMeta;
const wiring = { headers: { Authorization: `Bearer ${SECRET}` }, secrets: [SECRET] };
const snapshot = (calls: { url: string; method: string; headers: Headers; body: unknown }[]) =>
  calls.map((c) => ({ url: c.url, method: c.method, headers: [...c.headers.entries()], body: c.body instanceof URLSearchParams ? c.body.toString() : c.body }));

describe("createApiCore", () => {
  it("core.call sends the client method's request and resolves with its data, as an APIPromise", async () => {
    const viaClient = scriptedFetch(() => json({ data: { id: "i1" } }));
    const viaCore = scriptedFetch(() => json({ data: { id: "i1" } }));
    const client = acme({ fetch: viaClient.fetch });
    const core = createApiCore(vendor, { fetch: viaCore.fetch }, wiring);
    expect(await core.call(op("items.get"), { itemId: "i1", expand: true })).toEqual(await client.items.get({ itemId: "i1", expand: true }));
    expect(snapshot(viaCore.calls)).toEqual(snapshot(viaClient.calls));
    expect(viaCore.calls[0]?.url).toBe("https://api.acme.test/v1/items/i1?expand=true");
    const { data, response } = await core.call(op("items.get"), { itemId: "i1" }).withResponse();
    expect(data).toEqual({ id: "i1" });
    expect(response.status).toBe(200);
  });

  it("validates before sending, with the operation's schema and the vendor's check", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const core = createApiCore(vendor, { fetch }, { ...wiring, check: (id) => (id === "messages.send" ? [{ path: "to", message: "is blocked" }] : []) });
    await expect(core.call(op("messages.send"), { to: "+14155550100", text: "far too long text" })).rejects.toThrow(/text: must be at most 10 characters/);
    await expect(core.call(op("messages.send"), { to: "+14155550100", text: "hi" })).rejects.toThrow(/to: is blocked/);
    expect(calls).toHaveLength(0);
  });

  it("encodes a form or multipart body with the operation's own encoder, and refuses an operation without it", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const core = createApiCore(vendor, { fetch }, wiring);
    await core.call(op("forms.submit"), { name: "a", meta: { x: 1 } });
    expect(String(calls[0]?.body)).toBe("name=a&meta=%7B%22x%22%3A1%7D");
    await core.call(op("files.upload"), { file: new Uint8Array([1]) });
    expect(calls[1]?.body).toBeInstanceOf(FormData);
    await core.call(op("files.upload"), { name: "no file" });
    expect(calls[2]?.body).toBe('{"name":"no file"}');
    const { encoders: _, ...bare } = op("forms.submit");
    await expect(core.call(bare, { name: "a" })).rejects.toThrow(/has no form encoder/);
    expect(calls).toHaveLength(3);
  });

  it("a core of one API refuses another API's operation before sending", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const core = createApiCore(vendor, { fetch }, { ...wiring, api: "public" });
    expect(core.api).toBe("public");
    const error = await core.call({ ...op("items.get"), id: "application.items.get" }, { itemId: "i1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/application\.items\.get is not an operation of the public API/);
    await core.call({ ...op("items.get"), id: "public.items.get" }, { itemId: "i1" });
    expect(calls).toHaveLength(1);
  });

  it("the iterators page through the core as the client's methods do", async () => {
    const page = (call: { body: unknown }) => Number(JSON.parse(String(call.body)).page ?? 1);
    const handler = (call: { body: unknown }) => json({ data: page(call) < 3 ? [page(call) * 10, page(call) * 10 + 1] : [30] });
    const viaCore = scriptedFetch(handler);
    const core = createApiCore(vendor, { fetch: viaCore.fetch }, wiring);
    expect((await drain(iterateOperation(core, op("items.list"), {}))).items).toEqual([10, 11, 20, 21, 30]);
    expect((await drain(operationPages(core, op("items.list")))).items.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const viaClient = scriptedFetch(handler);
    expect((await drain(acme({ fetch: viaClient.fetch }).items.list.iterate())).items).toEqual([10, 11, 20, 21, 30]);
    expect(snapshot(viaCore.calls).slice(0, 3)).toEqual(snapshot(viaClient.calls));
    await expect(drain(operationHistory(core, op("items.list")))).resolves.toMatchObject({ error: expect.any(TypeError) });
  });

  it("withOperations maps a table onto a core: methods by resource, raw and rateLimit from the core", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: { id: "i1" } }, 200, { "x-ratelimit-remaining": "7", "x-ratelimit-limit": "10" }));
    const core = createApiCore(vendor, { fetch }, wiring, clientParts(table));
    const client = withOperations<{}, AcmeApi>(core, table, { iterate: iterateOperation, pages: operationPages, history: operationHistory, follow: followOperation });
    expect(Object.keys(client).sort()).toEqual(["chats", "events", "files", "forms", "items", "logs", "messages", "people", "posts"]);
    await client.items.get({ itemId: "i1" });
    expect(client.raw).toBe((core as unknown as { raw: unknown }).raw);
    expect(client.rateLimit).toEqual(core.rateLimit);
    expect(typeof client.chats.history.iterateHistory).toBe("function");
    expect(calls).toHaveLength(1);
  });

  it("withOperations takes the iterators from the table's generated set, and says which one a table lacks", async () => {
    const core = createApiCore(vendor, { fetch: scriptedFetch(() => json({ data: [] })).fetch }, wiring);
    const paged = table.filter((o) => o.pagination && !o.timeCursor);
    const plain = table.filter((o) => !o.pagination && !o.timeCursor);
    // A table with no paging operation needs none.
    expect(Object.keys(withOperations(core, plain)).length).toBeGreaterThan(0);
    const first = paged[0] as OperationMeta;
    expect(() => withOperations(core, paged)).toThrow(new TypeError(`${first.id} needs the \`iterate\` iterator: pass the table's generated iterators to withOperations (regenerate the client)`));
    expect(() => withOperations(core, paged, { iterate: iterateOperation })).toThrow(/needs the `pages` iterator/);
    const cursor = table.filter((o) => o.timeCursor);
    expect(() => withOperations(core, cursor, { iterate: iterateOperation, pages: operationPages, history: operationHistory })).toThrow(/needs the `follow` iterator/);
    // The method's iterator is the one given: a stand-in sees the core, the operation and the call's arguments.
    const seen: unknown[] = [];
    const iterate = ((c: unknown, o: OperationMeta, params: unknown) => (seen.push([c, o.id, params]), (async function* () {})())) as unknown as typeof iterateOperation;
    const client = withOperations<{}, AcmeApi>(core, paged, { iterate, pages: operationPages });
    const method = Object.values(client as unknown as Record<string, Record<string, { iterate: (p: unknown) => unknown }>>)[0] as Record<string, { iterate: (p: unknown) => unknown }>;
    Object.values(method)[0]?.iterate({ page: 2 });
    expect(seen).toEqual([[core, first.id, { page: 2 }]]);
  });
});

describe("createApiCore (pinned by mutation testing)", () => {
  const caught = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    return undefined;
  };
  afterEach(() => vi.unstubAllGlobals());

  it("option errors name the vendor's client options", () => {
    const noUrl = caught(() => createApiCore({ name: "Nimchat" }, { fetch: scriptedFetch().fetch }));
    expect(noUrl).toBeInstanceOf(ValidationError);
    expect((noUrl as Error).message).toBe("Invalid Nimchat client options: baseUrl: is required for Nimchat (self-hosted: the URL of your installation)");
    const store = caught(() => createApiCore(vendor, { fetch: scriptedFetch().fetch, requestBudget: false, budgetStore: new MemoryBudgetStore(), budgetKey: "k" }, wiring));
    expect((store as ValidationError).issues).toEqual([{ path: "budgetStore", message: "needs a request budget: set requestBudget ({ requests, intervalMs })" }]);
    expect((store as Error).message).toBe("Invalid Acme client options: budgetStore: needs a request budget: set requestBudget ({ requests, intervalMs })");
  });

  it("without a fetch option it uses globalThis.fetch, and refuses to build without any fetch", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: { id: "g" } }));
    vi.stubGlobal("fetch", fetch);
    await expect(createApiCore(vendor, {}, wiring).call(op("items.get"), { itemId: "g" })).resolves.toEqual({ id: "g" });
    expect(calls).toHaveLength(1);
    vi.stubGlobal("fetch", undefined);
    const error = caught(() => createApiCore(vendor, {}, wiring));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "fetch", message: "no fetch implementation: pass one or use Node >= 18" }]);
    expect((error as Error).message).toBe("Invalid Acme client options: fetch: no fetch implementation: pass one or use Node >= 18");
  });

  it("the vendor's default budget applies (and may be shared through a store) unless requestBudget is set", async () => {
    const store = new MemoryBudgetStore({ now: () => 1_000 });
    const spec = { requests: 1, intervalMs: 60_000 };
    const { fetch } = scriptedFetch(() => json({ data: {} }));
    const core = createApiCore(vendor, { fetch, budgetStore: store, budgetKey: "k" }, { ...wiring, defaultBudget: requestBudget(spec) });
    await core.call(op("items.get"), { itemId: "1" });
    expect(store.acquire("k", spec)).toEqual({ granted: false, waitMs: 60_000, pausedMs: 0 });
  });

  it("a core holds a budget only when its code comes along: requestBudget(…), the client's parts or the vendor's default", async () => {
    const spec = { requests: 1, intervalMs: 60_000 };
    // Plain options on a bare core (the standalone functions' core of a vendor without a documented limit): refused before anything is sent.
    const bare = scriptedFetch(() => json({ data: {} }));
    const refused = caught(() => createApiCore(vendor, { fetch: bare.fetch, requestBudget: spec }, wiring));
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([
      { path: "requestBudget", message: "needs the budget's code, which a Acme core carries only when asked: pass requestBudget({ requests, intervalMs }) (import { requestBudget } from the Acme package), or use the client" },
    ]);
    expect(bare.calls).toHaveLength(0);
    // Each way of bringing the code keeps the budget: the second call waits for the first one's slot.
    const ways = {
      plan: (fetch: typeof bare.fetch) => createApiCore(vendor, { fetch, requestBudget: requestBudget(spec) }, wiring),
      client: (fetch: typeof bare.fetch) => createApiCore(vendor, { fetch, requestBudget: spec }, wiring, clientParts(table)),
      vendorDefault: (fetch: typeof bare.fetch) => createApiCore(vendor, { fetch }, { ...wiring, defaultBudget: requestBudget(spec) }),
      // A plain override on a vendor with a default: the default's code serves it.
      override: (fetch: typeof bare.fetch) => createApiCore(vendor, { fetch, requestBudget: { ...spec } }, { ...wiring, defaultBudget: requestBudget({ requests: 100, intervalMs: 1 }) }),
    };
    for (const [name, make] of Object.entries(ways)) {
      const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
      const core = make(fetch);
      await core.call(op("items.get"), { itemId: "1" });
      const controller = new AbortController();
      const second = core.call(op("items.get"), { itemId: "2" }, { signal: controller.signal });
      await new Promise((r) => setTimeout(r, 30));
      expect({ name, sent: calls.length }).toEqual({ name, sent: 1 });
      controller.abort();
      await expect(second).rejects.toMatchObject({ name: "AbortError" });
      expect({ name, sent: calls.length }).toEqual({ name, sent: 1 });
    }
    // Without any budget nothing waits.
    const free = scriptedFetch(() => json({ data: {} }));
    const core = createApiCore(vendor, { fetch: free.fetch }, wiring);
    await Promise.all([core.call(op("items.get"), { itemId: "1" }), core.call(op("items.get"), { itemId: "2" })]);
    expect(free.calls).toHaveLength(2);
  });

  it("requestBudget(…) keeps its options, adds no enumerable name, and passes the option checks", () => {
    const plan = requestBudget({ requests: 5, intervalMs: 1000 });
    expect(Object.keys(plan)).toEqual(["requests", "intervalMs"]);
    expect(JSON.stringify(plan)).toBe('{"requests":5,"intervalMs":1000}');
    expect(() => createApiCore(vendor, { fetch: scriptedFetch().fetch, requestBudget: plan }, wiring)).not.toThrow();
    // Only a function under the symbol is the budget's code: anything else is plain options.
    const forged = { requests: 5, intervalMs: 1000, [Symbol.for("inboxkit.requestBudget")]: "not code" };
    expect((caught(() => createApiCore(vendor, { fetch: scriptedFetch().fetch, requestBudget: forged }, wiring)) as ValidationError).issues.map((i) => i.path)).toEqual(["requestBudget"]);
    const bad = caught(() => createApiCore(vendor, { fetch: scriptedFetch().fetch, requestBudget: requestBudget({ requests: 0, intervalMs: 1000 }) }, wiring));
    expect((bad as ValidationError).issues).toEqual([{ path: "requestBudget.requests", message: "must be an integer >= 1 (got 0)" }]);
  });

  it("sends Accept: application/json, */* for a file, and the call's own headers", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const core = createApiCore(vendor, { fetch }, wiring);
    await core.call(op("items.get"), { itemId: "1" }, { headers: { "X-Trace": "t-1" } });
    await core.call(op("files.download"), { fileId: "f" });
    expect(calls.map((c) => [c.headers.get("accept"), c.headers.get("x-trace")])).toEqual([
      ["application/json", "t-1"],
      ["*/*", null],
    ]);
  });

  it("a core has no raw client unless a client's parts build one; raw and core.call send the same request", async () => {
    const { fetch } = scriptedFetch(() => json({ data: {} }));
    expect("raw" in createApiCore(vendor, { fetch }, wiring)).toBe(false);
    const viaRaw = scriptedFetch(() => json({ data: { id: "i1" } }));
    const viaCall = scriptedFetch(() => json({ data: { id: "i1" } }));
    const raw = (createApiCore(vendor, { fetch: viaRaw.fetch }, wiring, clientParts(table)) as unknown as { raw: unknown }).raw as Record<string, (path: string, init: unknown) => Promise<{ data: unknown }>>;
    const core = createApiCore(vendor, { fetch: viaCall.fetch }, wiring);
    const headers = { "X-Trace": "t-1" };
    // The same URL serialisation (path escaping, query arrays and objects), JSON body and headers.
    await raw.GET?.("/items/{itemId}", { params: { path: { itemId: "a b/ü" }, query: { expand: true } }, headers });
    await core.call(op("items.get"), { itemId: "a b/ü", expand: true }, { headers });
    await raw.GET?.("/accounts/{accountId}/posts", { params: { path: { accountId: 7 }, query: { page: 2, q: ["x", "y z"] } } });
    await core.call(op("posts.list"), { accountId: 7, page: 2, q: ["x", "y z"] });
    const { data } = (await raw.POST?.("/items/list", { body: { page: 1, limit: 5 } })) as { data: unknown };
    expect(await core.call(op("items.list"), { page: 1, limit: 5 })).toEqual((data as { data: unknown }).data);
    expect(snapshot(viaCall.calls)).toEqual(snapshot(viaRaw.calls));
    expect(viaCall.calls.map((c) => c.url)).toEqual([
      "https://api.acme.test/v1/items/a%20b%2F%C3%BC?expand=true",
      "https://api.acme.test/v1/accounts/7/posts?page=2&q=x&q=y%20z",
      "https://api.acme.test/v1/items/list",
    ]);
    expect(viaCall.calls[2]?.headers.get("content-type")).toBe("application/json");
    expect(viaCall.calls[0]?.headers.get("content-type")).toBeNull();
  });

  it("reads a body as the raw client does: none for a 204 or an empty body, an error's text as JSON when it is JSON", async () => {
    const { fetch } = scriptedFetch(
      () => new Response(null, { status: 204 }),
      () => new Response("", { status: 200, headers: { "content-length": "0", "content-type": "application/json" } }),
      () => json({ error: { code: "E_GONE", message: "gone" } }, 410),
      () => new Response("upstream broke", { status: 502, headers: { "content-type": "text/plain" } }),
    );
    const core = createApiCore(vendor, { fetch, retry: false }, wiring);
    await expect(core.call(op("items.get"), { itemId: "1" }).withResponse()).resolves.toMatchObject({ data: undefined, response: { status: 204 } });
    await expect(core.call(op("items.get"), { itemId: "1" })).resolves.toBeUndefined();
    await expect(core.call(op("items.get"), { itemId: "1" })).rejects.toMatchObject({ status: 410, code: "E_GONE", body: { error: { code: "E_GONE", message: "gone" } } });
    await expect(core.call(op("items.get"), { itemId: "1" })).rejects.toMatchObject({ status: 502, body: "upstream broke" });
  });

  it("a file without a content type is application/octet-stream", async () => {
    const { fetch } = scriptedFetch(() => new Response(new Uint8Array([1, 2]).buffer));
    const file = await createApiCore(vendor, { fetch }, wiring).call<{ bytes: Uint8Array; contentType: string }>(op("files.download"), { fileId: "f" });
    expect(file.contentType).toBe("application/octet-stream");
    expect([...file.bytes]).toEqual([1, 2]);
  });

  it("without an envelope the data is the whole body; an empty-response operation resolves with undefined whatever the body", async () => {
    const bare = { name: "Bare", baseUrl: "https://bare.test" };
    const { fetch } = scriptedFetch(() => json({ id: 1 }), () => new Response("OK", { headers: { "content-type": "text/plain" } }));
    const core = createApiCore(bare, { fetch });
    await expect(core.call({ id: "things.get", method: "GET", path: "/things", idempotent: true }, {})).resolves.toEqual({ id: 1 });
    const { data, response } = await core.call({ id: "things.ping", method: "POST", path: "/ping", idempotent: false, response: "empty" }, {}).withResponse();
    expect(data).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it("refuses parameters that are not an object, with the operation in the message", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const core = createApiCore(vendor, { fetch }, wiring);
    for (const params of [null, "x", [1]]) {
      const error = await core.call(op("items.get"), params as unknown as object).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([{ path: "", message: "must be an object of parameters" }]);
      expect((error as Error).message).toBe("Invalid parameters for Acme items.get: must be an object of parameters");
    }
    const invalid = await core.call(op("items.get"), {}).catch((e: unknown) => e);
    expect((invalid as Error).message).toBe("Invalid parameters for Acme items.get: itemId: is required");
    expect(calls).toHaveLength(0);
  });

  it("with validation off, a body JSON cannot encode is a ValidationError, a Symbol in the path another one", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const core = createApiCore(vendor, { fetch, validate: false }, wiring);
    const body = await core.call(op("files.upload"), { n: 1n }).catch((e: unknown) => e);
    expect(body).toBeInstanceOf(ValidationError);
    expect((body as ValidationError).issues).toEqual([{ path: "body", message: "cannot be encoded as JSON (a circular reference or a BigInt)" }]);
    expect((body as Error).message).toBe("Invalid request body: body: cannot be encoded as JSON (a circular reference or a BigInt)");
    const path = await core.call(op("items.get"), { itemId: Symbol("s") }).catch((e: unknown) => e);
    expect((path as ValidationError).issues).toEqual([{ path: "params", message: "cannot be encoded in the URL (a lone surrogate or a Symbol)" }]);
    expect(calls).toHaveLength(0);
  });

  it("redacts the tokens auth reports, and ignores configured secrets that are not strings", async () => {
    const { fetch } = scriptedFetch(() => json({ error: { code: "bad", message: `rejected tok_ABC123 and ${SECRET}` } }, 400));
    const auth = { apply: () => undefined, secrets: () => ["tok_ABC123"] };
    const core = createApiCore(vendor, { fetch, retry: false }, { ...wiring, secrets: [null as unknown as string, SECRET], auth });
    const error = await core.call(op("items.get"), { itemId: "1" }).catch((e: unknown) => e);
    expect((error as Error).message).toContain("rejected ");
    expect((error as Error).message).not.toContain("tok_ABC123");
    expect((error as Error).message).not.toContain(SECRET);
  });

  it("only list operations get iterators, only time-cursor ones history and follow", () => {
    const client = acme({ fetch: scriptedFetch().fetch }) as unknown as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(client.items!.get!)).toEqual([]);
    expect(Object.keys(client.items!.list!).sort()).toEqual(["iterate", "pages"]);
    expect(Object.keys(client.chats!.history!).sort()).toEqual(["follow", "iterateHistory"]);
  });
});
