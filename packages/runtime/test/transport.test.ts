import { describe, expect, it } from "vitest";
import { AbortError, TimeoutError, ValidationError, formatLogEvent, type LogEvent } from "../src/index.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

const hang = (_url: string, init: RequestInit): Promise<Response> =>
  new Promise((_, reject) => {
    init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  });

describe("timeouts and abort", () => {
  it("times out each attempt and throws TimeoutError after the retries", async () => {
    let attempts = 0;
    const fetch = (url: string, init: RequestInit) => {
      attempts++;
      return hang(url, init);
    };
    const started = Date.now();
    const error = await acme({ fetch, timeoutMs: 25, retry: { maxRetries: 1, initialDelayMs: 1 } }).items.list({}).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("25 ms");
    expect(attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("a per-call timeout overrides the client's", async () => {
    await expect(acme({ fetch: hang, timeoutMs: 60_000, retry: false }).items.list({}, { timeoutMs: 10 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it("the caller's AbortSignal aborts an in-flight request with AbortError, without retrying", async () => {
    for (const timeoutMs of [0, 60_000]) {
      let attempts = 0;
      const fetch = (url: string, init: RequestInit) => {
        attempts++;
        return hang(url, init);
      };
      const controller = new AbortController();
      const pending = acme({ fetch, timeoutMs }).items.list({}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 10);
      // Bounded: if the signal were not linked to the request, this would be the "unlinked" value.
      const outcome = await Promise.race([pending.catch((e) => e), new Promise((r) => setTimeout(() => r("unlinked"), 3000))]);
      expect(outcome).toBeInstanceOf(AbortError);
      expect((outcome as Error).message).toBe("Acme items.list: the request was aborted");
      expect(attempts).toBe(1);
    }
  });

  it("an already-aborted signal sends nothing", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    await expect(acme({ fetch }).items.list({}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });

  it("abort during a retry wait stops the wait", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}, 503, { "retry-after": "30" }));
    const controller = new AbortController();
    const pending = acme({ fetch, retry: { maxRetryAfterMs: 60_000 } }).items.list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const outcome = await Promise.race([pending.catch((e) => e), new Promise((r) => setTimeout(() => r("still waiting"), 3000))]);
    expect(outcome).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(1);
  });
});

describe("requests", () => {
  it("splits flat params into path, query and body", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: { id: "a/b" } }));
    await acme({ fetch }).items.get({ itemId: "a/b", expand: true });
    expect(calls[0]?.url).toBe("https://api.acme.test/v1/items/a%2Fb?expand=true");
    expect(calls[0]?.method).toBe("GET");
    expect(calls[0]?.body ?? null).toBeNull();
  });

  it("sends JSON bodies with the static headers", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: { ok: true } }));
    await expect(acme({ fetch }).messages.send({ to: "+14155550100", text: "hello" })).resolves.toEqual({ ok: true });
    expect(JSON.parse(String(calls[0]?.body))).toEqual({ to: "+14155550100", text: "hello" });
    expect(calls[0]?.headers.get("content-type")).toBe("application/json");
    expect(calls[0]?.headers.get("authorization")).toMatch(/^Bearer /);
  });

  it("validates before sending: nothing reaches the server", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const client = acme({ fetch });
    const error = await client.messages.send({ to: "0049 123", text: "far too long text" }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["text", "to"]);
    expect(error.message).toContain("at most 10 characters");
    await expect(client.items.list({ limit: 101 })).rejects.toThrow(/limit: must be <= 100/);
    await expect(client.items.get({ itemId: "x", unknown: 1 })).rejects.toThrow(/unknown: is not a known parameter/);
    await expect(client.items.get({})).rejects.toThrow(/itemId: is required/);
    expect(calls).toHaveLength(0);
  });

  it("returns binary responses as bytes with their content type", async () => {
    const { fetch } = scriptedFetch(() => new Response(new Uint8Array([137, 80, 78, 71]), { headers: { "content-type": "image/png" } }));
    const file = await acme({ fetch }).files.download({ fileId: "f1" });
    expect(file.contentType).toBe("image/png");
    expect([...file.bytes]).toEqual([137, 80, 78, 71]);
  });

  it("sends multipart only when a file is present, JSON otherwise", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const client = acme({ fetch });
    await client.files.upload({ name: "a", tags: ["x"] });
    expect(calls[0]?.body).toBeTypeOf("string");
    await client.files.upload({ name: "a", attachments: [new Blob(["hi"]), new Uint8Array([1])] });
    const form = calls[1]?.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.getAll("attachments[]")).toHaveLength(2);
    expect(calls[1]?.headers.get("content-type")).toBeNull(); // fetch sets the multipart boundary itself
  });

  it("encodes forms with JSON-encoded fields", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    await acme({ fetch }).forms.submit({ name: "n", meta: { a: [1] }, count: 2 });
    expect(String(calls[0]?.body)).toBe("name=n&meta=%7B%22a%22%3A%5B1%5D%7D&count=2");
    expect(calls[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
  });

  it("the raw openapi-fetch client goes through the same pipeline (auth, retries)", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}, 503), () => json({ data: [1] }));
    const client = acme({ fetch });
    const { data } = await (client.raw as any).POST("/items/list", { body: { page: 1 } });
    expect(data).toEqual({ data: [1] });
    expect(calls).toHaveLength(2);
    expect(calls[1]?.headers.get("authorization")).toMatch(/^Bearer /);
  });

  it("logs method, path template, status and attempts when a logger is given", async () => {
    const events: LogEvent[] = [];
    const { fetch } = scriptedFetch(() => json({}, 503), () => json({ data: [] }));
    await acme({ fetch, logger: (e) => events.push(e) }).items.get({ itemId: "42" });
    expect(events.map((e) => e.event)).toEqual(["request", "response", "retry", "request", "response"]);
    expect(events[1]).toMatchObject({ path: "/items/{itemId}", status: 503, attempt: 1, operationId: "items.get" });
    expect(formatLogEvent(events[4] as LogEvent)).toMatch(/^\[inboxkit\] GET \/items\/\{itemId\} -> 200 \(attempt 2, \d+ ms\)$/);
  });

  it("a console-like logger gets exactly one formatted line per event, no object dump", async () => {
    const calls: unknown[][] = [];
    const consoleLike = { debug: (...args: unknown[]) => void calls.push(args) };
    const { fetch } = scriptedFetch(() => json({ data: [] }));
    await acme({ fetch, logger: consoleLike }).items.get({ itemId: "42" });
    expect(calls.map((args) => args.length)).toEqual([1, 1]);
    expect(calls.map((args) => args[0])).toEqual([expect.stringMatching(/^\[inboxkit\] GET \/items\/\{itemId\} attempt 1$/), expect.stringMatching(/^\[inboxkit\] GET \/items\/\{itemId\} -> 200 \(attempt 1, \d+ ms\)$/)]);
  });
});

describe("client options", () => {
  it("rejects a non-https baseUrl except loopback", () => {
    expect(() => acme({ baseUrl: "http://api.acme.test" })).toThrow(ValidationError);
    expect(() => acme({ baseUrl: "ftp://x" })).toThrow(/https/);
    expect(() => acme({ baseUrl: "not a url" })).toThrow(/absolute URL/);
    for (const ok of ["http://127.0.0.1:4010", "http://localhost:1", "http://[::1]:8080", "https://api.acme.test"]) expect(() => acme({ baseUrl: ok })).not.toThrow();
  });

  it("rejects CR/LF in header values (header injection)", async () => {
    expect(() => acme({ headers: { "X-Trace": "a\rb" } })).toThrow(/X-Trace: must not contain CR or LF/);
    expect(() => acme({ headers: { "X-Trace": "a\r\nX-Evil: 1" } })).toThrow(/CR or LF/);
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    await expect(acme({ fetch }).items.list({}, { headers: { "X-Trace": "a\nb" } })).rejects.toThrow(ValidationError);
    expect(calls).toHaveLength(0);
  });
});

describe("raw client middleware", () => {
  it("a middleware that returns a real Request still gets auth and retries", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}, 503), () => json({ data: [1] }));
    const client = acme({ fetch });
    (client.raw as any).use({
      onRequest: ({ request }: { request: { url: string; method: string; headers: Headers; body: unknown } }) =>
        new Request(request.url, { method: request.method, headers: request.headers, body: request.body as string, duplex: "half" } as RequestInit),
    });
    const { data } = await (client.raw as any).POST("/items/list", { body: { page: 2 } });
    expect(data).toEqual({ data: [1] });
    expect(calls).toHaveLength(2);
    expect(new TextDecoder().decode(calls[1]?.body as ArrayBuffer)).toBe('{"page":2}');
    expect(calls[1]?.headers.get("authorization")).toMatch(/^Bearer /);
  });
});

describe("how parameters travel", () => {
  it("inherited enumerable properties are never sent; an own __proto__ is not silently dropped", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const inherited = Object.assign(Object.create({ injected: "x" }), { name: "n" });
    await acme({ fetch }).files.upload(inherited);
    expect(JSON.parse(String(calls[0]?.body))).toEqual({ name: "n" });
    // Validation refuses __proto__; with validation off it travels as the key it is.
    await expect(acme({ fetch }).items.list(JSON.parse('{"__proto__":{"page":1}}'))).rejects.toThrow(/__proto__: is not a known parameter/);
    await acme({ fetch, validate: false }).files.upload(JSON.parse('{"name":"n","__proto__":{"a":1}}'));
    expect(String(calls[1]?.body)).toBe('{"name":"n","__proto__":{"a":1}}');
  });

  it("NaN is refused before sending instead of travelling as null", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    await expect(acme({ fetch }).items.list({ page: NaN })).rejects.toThrow(/page: must be a finite number \(got NaN\)/);
    expect(calls).toHaveLength(0);
  });
});
