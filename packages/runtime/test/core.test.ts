// createApiCore: the pipeline without a table, on which createApiClient (withOperations) is built —
// a call through the core is the client method's request, the operation's encoders are what encode
// its body, a core of one API refuses another API's operations, and the iterators page through it.
import { describe, expect, it } from "vitest";
import { createApiCore, iterateOperation, operationHistory, operationPages, ValidationError, withOperations, type OperationMeta } from "../src/index.js";
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
    const core = createApiCore(vendor, { fetch }, wiring, table);
    const client = withOperations<{}, AcmeApi>(core, table);
    expect(Object.keys(client).sort()).toEqual(["chats", "events", "files", "forms", "items", "logs", "messages", "people", "posts"]);
    await client.items.get({ itemId: "i1" });
    expect(client.raw).toBe(core.raw);
    expect(client.rateLimit).toEqual(core.rateLimit);
    expect(typeof client.chats.history.iterateHistory).toBe("function");
    expect(calls).toHaveLength(1);
  });
});
