// The response body is read inside the pipeline: within the timeout and the caller's signal, and
// a cut or garbled body is a typed error, retried when the request is safe to repeat.
import { describe, expect, it } from "vitest";
import { AbortError, ConnectionError, ResponseParseError, ServerError, TimeoutError } from "../src/index.js";
import { buffered, isBadJson, unreadCopy } from "../src/body.js";
import { acme, json } from "./fixtures.js";

const send = { to: "+14155550100", text: "hi" };

/** A 200 JSON response whose body sends `first` and then never ends (or errors with `error`). */
function streaming(first: string, error?: Error): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      if (error) controller.error(error);
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
}

/** A fetch that counts attempts and answers each with `answer(n)`. */
function counting(answer: (n: number) => Response) {
  let n = 0;
  const fetch = async (): Promise<Response> => answer(++n);
  return { fetch, attempts: () => n };
}

describe("response bodies", () => {
  it("a stalled body times out (the timer covers the body, not just the headers) and is retried when safe", async () => {
    const server = counting((n) => (n < 3 ? streaming('{"data": [') : json({ data: [1] })));
    await expect(acme({ fetch: server.fetch, timeoutMs: 30 }).items.list({})).resolves.toEqual([1]);
    expect(server.attempts()).toBe(3);
  });

  it("a stalled body of a send is a TimeoutError after one attempt", async () => {
    const server = counting(() => streaming('{"data":'));
    const error = await acme({ fetch: server.fetch, timeoutMs: 30 }).messages.send(send).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe("Acme messages.send: timed out after 30 ms while reading the response");
    expect(server.attempts()).toBe(1);
  });

  it("the caller's signal aborts a body being read", async () => {
    const server = counting(() => streaming("{"));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await acme({ fetch: server.fetch, timeoutMs: 0 }).items.list({}, { signal: controller.signal }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(server.attempts()).toBe(1);
  });

  it("a body cut off mid-way is a ConnectionError, retried when the request is safe to repeat", async () => {
    const cut = () => streaming('{"data": [1, 2', new TypeError("terminated"));
    const list = counting((n) => (n === 1 ? cut() : json({ data: [1, 2] })));
    await expect(acme({ fetch: list.fetch }).items.list({})).resolves.toEqual([1, 2]);
    expect(list.attempts()).toBe(2);

    const sendServer = counting(cut);
    const error = await acme({ fetch: sendServer.fetch }).messages.send(send).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe("Acme messages.send: the response was cut off: terminated");
    expect(sendServer.attempts()).toBe(1);
  });

  it("invalid JSON in a 2xx is a ResponseParseError (not a raw SyntaxError), retried when safe", async () => {
    const garbled = () => new Response('{"data": [1, 2', { status: 200, headers: { "content-type": "application/json" } });
    const list = counting((n) => (n === 1 ? garbled() : json({ data: [3] })));
    await expect(acme({ fetch: list.fetch }).items.list({})).resolves.toEqual([3]);
    expect(list.attempts()).toBe(2);

    const always = counting(garbled);
    const error = await acme({ fetch: always.fetch, retry: { maxRetries: 1, initialDelayMs: 1 } }).items.get({ itemId: "x" }).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ status: 200, contentType: "application/json", request: { operationId: "items.get" } });
    expect(error.message).toBe("Acme items.get: the 200 response is not valid JSON (application/json, 14 bytes)");
    expect(always.attempts()).toBe(2);

    const sendServer = counting(garbled);
    await expect(acme({ fetch: sendServer.fetch }).messages.send(send)).rejects.toBeInstanceOf(ResponseParseError);
    expect(sendServer.attempts()).toBe(1);
  });

  it("an HTML error page on a 5xx is a ServerError with the page's title, not a parse crash", async () => {
    const page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>";
    const server = counting(() => new Response(page, { status: 502, headers: { "content-type": "text/html" } }));
    const error = await acme({ fetch: server.fetch, retry: false }).items.list({}).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe("Acme items.list failed with 502: 502 Bad Gateway");
  });

  it("an HTML page without a title becomes its short text", async () => {
    const page = `<html><body><h1>Service   Unavailable</h1><p>${"x".repeat(400)}</p></body></html>`;
    const server = counting(() => new Response(page, { status: 503, headers: { "content-type": "text/html" } }));
    const error = await acme({ fetch: server.fetch, retry: false }).items.list({}).catch((e) => e);
    expect(error.message.startsWith("Acme items.list failed with 503: Service Unavailable x")).toBe(true);
    expect(error.message.length).toBeLessThan(340);
  });

  it("an empty 200 body is no data, not an error", async () => {
    const server = counting(() => new Response("", { status: 200 }));
    await expect(acme({ fetch: server.fetch }).items.get({ itemId: "1" })).resolves.toBeUndefined();
  });
});

describe("buffered bodies (pinned by mutation testing)", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("a buffered copy keeps the status, headers and the real URL, and its body reads any number of ways", async () => {
    const copy = buffered(new Response("ignored", { status: 201, statusText: "Created", headers: { "x-a": "1" } }), bytes('{"a":1}'), "https://api.acme.test/v1/items?page=2");
    expect(copy.url).toBe("https://api.acme.test/v1/items?page=2");
    expect([copy.status, copy.statusText, copy.headers.get("x-a")]).toEqual([201, "Created", "1"]);
    expect(await copy.json()).toEqual({ a: 1 });
    expect(await unreadCopy(copy).text()).toBe('{"a":1}');
    expect(unreadCopy(copy).url).toBe("https://api.acme.test/v1/items?page=2");
  });

  it.each([204, 205, 304])("a %i is buffered without a body (the Response constructor refuses one)", async (status) => {
    const copy = buffered(new Response(null, { status }), new Uint8Array(0), "https://api.acme.test/v1/x");
    expect(copy.status).toBe(status);
    expect(copy.body).toBeNull();
  });

  it("only a successful JSON read of a non-empty, non-JSON body is bad JSON", () => {
    const ok = () => new Response(null, { status: 200 });
    expect(isBadJson(ok(), "GET", bytes("<html>"), "json")).toBe(true);
    expect(isBadJson(ok(), "GET", bytes("<html>"), "text")).toBe(false);
    expect(isBadJson(ok(), "GET", bytes(""), "json")).toBe(false);
    expect(isBadJson(ok(), "GET", bytes('{"a":1}'), "json")).toBe(false);
    expect(isBadJson(new Response(null, { status: 500 }), "GET", bytes("<html>"), "json")).toBe(false);
    expect(isBadJson(new Response(null, { status: 204 }), "GET", bytes("<html>"), "json")).toBe(false);
    expect(isBadJson(ok(), "HEAD", bytes("<html>"), "json")).toBe(false);
  });

  it("Content-Length: 0 is an empty body unless the response is chunked", () => {
    const res = (headers: Record<string, string>) => new Response(null, { status: 200, headers });
    expect(isBadJson(res({ "content-length": "0" }), "GET", bytes("garbage"), "json")).toBe(false);
    expect(isBadJson(res({ "content-length": "0", "transfer-encoding": "gzip" }), "GET", bytes("garbage"), "json")).toBe(false);
    expect(isBadJson(res({ "content-length": "0", "transfer-encoding": "gzip, chunked" }), "GET", bytes("garbage"), "json")).toBe(true);
  });
});
