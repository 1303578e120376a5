// The transport's rules as a caller sees them: what is sent, what is retried, what each error says,
// what the logger receives, how long it waits and what a request costs the budget.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIError,
  ConnectionError,
  MemoryBudgetStore,
  PreparedRequest,
  RedirectError,
  ResponseParseError,
  TimeoutError,
  ValidationError,
  AbortError,
  createApiClient,
  createTransport,
  RateLimitTracker,
  resolveRetry,
  type AuthHook,
  type LogEvent,
  type OperationMeta,
} from "../src/index.js";
import { acme, json, recordingSleep, scriptedFetch, SECRET, vendor } from "./fixtures.js";

const BASE = "https://api.acme.test/v1";
type Raw = Record<string, (path: string, init?: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>>;
const rawOf = (client: unknown): Raw => (client as { raw: Raw }).raw;

describe("transport rules (pinned by mutation testing)", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  describe("PreparedRequest", () => {
    it("isPrepared is false (and does not throw) for null, primitives, plain objects and web Requests", () => {
      expect(PreparedRequest.isPrepared(null)).toBe(false);
      expect(PreparedRequest.isPrepared("x")).toBe(false);
      expect(PreparedRequest.isPrepared(42)).toBe(false);
      expect(PreparedRequest.isPrepared({})).toBe(false);
      expect(PreparedRequest.isPrepared(new Request(BASE))).toBe(false);
      expect(PreparedRequest.isPrepared(new PreparedRequest(BASE, {}))).toBe(true);
    });

    it("instanceof accepts a PreparedRequest or a web Request, nothing else", () => {
      expect(new PreparedRequest(BASE, {}) instanceof PreparedRequest).toBe(true);
      expect(new Request(BASE) instanceof PreparedRequest).toBe(true);
      expect({} instanceof PreparedRequest).toBe(false);
      expect({ url: BASE, method: "GET" } instanceof PreparedRequest).toBe(false);
    });

    it("defaults the method to GET", () => {
      expect(new PreparedRequest(BASE, {}).method).toBe("GET");
    });
  });

  describe("what is retried", () => {
    it.each(["GET", "HEAD", "OPTIONS"])("a raw %s to a path outside the table is safe to repeat: retried after a 503", async (method) => {
      const { fetch, calls } = scriptedFetch(() => new Response(null, { status: 503 }), () => new Response(null, { status: 204 }));
      const { response } = await rawOf(acme({ fetch }))[method]!("/unlisted");
      expect(response.status).toBe(204);
      expect(calls.map((c) => c.method)).toEqual([method, method]);
    });

    it("a raw POST to a path outside the table is not retried", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}, 503), () => json({}));
      const { response } = await rawOf(acme({ fetch })).POST!("/unlisted", { body: {} });
      expect(response.status).toBe(503);
      expect(calls).toHaveLength(1);
    });

    it("a raw call is matched to its operation by method too: a DELETE on a GET operation's path is not retried", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}, 503), () => json({}));
      const { response } = await rawOf(acme({ fetch })).DELETE!("/items/{itemId}", { params: { path: { itemId: "x" } } });
      expect(response.status).toBe(503);
      expect(calls).toHaveLength(1);
    });

    it("a raw call with a query string is still matched to its operation (POST /items/list is idempotent: retried)", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}, 503), () => json({ data: [] }));
      const { response } = await rawOf(acme({ fetch })).POST!("/items/list", { params: { query: { x: "1" } }, body: {} });
      expect(response.status).toBe(200);
      expect(calls.map((c) => c.url)).toEqual([`${BASE}/items/list?x=1`, `${BASE}/items/list?x=1`]);
    });

    it("a Retry-After of 0 retries at once, without calling sleep", async () => {
      const { sleep, waits } = recordingSleep();
      const { fetch, calls } = scriptedFetch(() => json({}, 503, { "retry-after": "0" }), () => json({ data: {} }));
      await acme({ fetch, sleep }).items.get({ itemId: "1" });
      expect(calls).toHaveLength(2);
      expect(waits).toEqual([]);
    });
  });

  describe("error messages", () => {
    it("a connection failure says what failed, with the cause's code when there is one", async () => {
      const plain = scriptedFetch(() => Promise.reject(new TypeError("fetch failed")));
      const e1 = await acme({ fetch: plain.fetch, retry: false }).items.get({ itemId: "1" }).catch((e) => e);
      expect(e1).toBeInstanceOf(ConnectionError);
      expect(e1.message).toBe("Acme items.get: could not reach the API: fetch failed");
      const coded = scriptedFetch(() => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } })));
      const e2 = await acme({ fetch: coded.fetch, retry: false }).items.get({ itemId: "1" }).catch((e) => e);
      expect(e2.message).toBe("Acme items.get: could not reach the API: fetch failed (ECONNRESET)");
    });

    it("a non-JSON body without a content type is reported with its size alone", async () => {
      const { fetch } = scriptedFetch(() => new Response(new TextEncoder().encode("not json!"), { status: 200 }));
      const error = await acme({ fetch, retry: false }).items.get({ itemId: "1" }).catch((e) => e);
      expect(error).toBeInstanceOf(ResponseParseError);
      expect(error.message).toBe("Acme items.get: the 200 response is not valid JSON (9 bytes)");
    });

    it("a path that would leave the operation's path is refused with the request's subject", async () => {
      const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
      const error = await acme({ fetch, validate: false }).items.get({ itemId: ".." }).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toBe('Invalid request for Acme items.get: itemId: must not be "." or ".." (it would change the request path)');
      expect(calls).toHaveLength(0);
    });
  });

  describe("redirects", () => {
    it("a 300 is a redirect too (RedirectError, not a success)", async () => {
      const { fetch } = scriptedFetch(() => new Response(null, { status: 300 }));
      const error = await acme({ fetch }).items.get({ itemId: "1" }).catch((e) => e);
      expect(error).toBeInstanceOf(RedirectError);
      expect(error.message).toBe("Acme items.get: the API answered 300 without a usable Location");
    });

    it("a 307 without a Location, or with one that is not a URL, is a RedirectError that says so", async () => {
      for (const headers of [{}, { location: "http://[" }] as Record<string, string>[]) {
        const { fetch, calls } = scriptedFetch(() => new Response(null, { status: 307, headers }));
        const error = await acme({ fetch }).items.get({ itemId: "1" }).catch((e) => e);
        expect(error).toBeInstanceOf(RedirectError);
        expect(error.message).toBe("Acme items.get: the API answered 307 without a usable Location");
        expect(calls).toHaveLength(1);
      }
    });

    it("an opaque redirect's message says its target is not visible", async () => {
      const opaque = () => {
        const r = new Response(null, { status: 200 });
        Object.defineProperties(r, { type: { value: "opaqueredirect" }, status: { value: 0 }, ok: { value: false } });
        return r;
      };
      const { fetch } = scriptedFetch(opaque);
      const error = await acme({ fetch }).messages.send({ to: "+14155550100", text: "hi" }).catch((e) => e);
      expect(error.message).toBe("Acme messages.send: the API answered with a redirect, which is not followed (its target is not visible here)");
    });
  });

  describe("credentials", () => {
    const op = (over: Partial<OperationMeta>): OperationMeta => ({ id: "things.get", method: "GET", path: "/things", idempotent: true, ...over });
    type Things = { things: { get: (p?: Record<string, unknown>) => Promise<unknown> } };

    it("names every accepted scheme when refusing a credential, with one issue on `credentials`", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}));
      const client = createApiClient<{}, Things>(vendor, [op({ auth: ["userApiKey", "oauth"] })], { fetch }, { scheme: "botKey" });
      const error = (await client.things.get().catch((e: unknown) => e)) as ValidationError;
      const message = "Acme things.get cannot be called with botKey credentials (it accepts userApiKey or oauth)";
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toBe(message);
      expect(error.issues).toEqual([{ path: "credentials", message }]);
      expect(calls).toHaveLength(0);
    });

    it("an operation without an auth list, and a raw call outside the table, go through whatever the scheme", async () => {
      const { fetch, calls } = scriptedFetch(() => json({ data: 1 }));
      const client = createApiClient<{}, Things>(vendor, [op({})], { fetch }, { scheme: "botKey" });
      await expect(client.things.get()).resolves.toBe(1);
      await rawOf(client).GET!("/elsewhere");
      expect(calls.map((c) => new URL(c.url).pathname)).toEqual(["/v1/things", "/v1/elsewhere"]);
    });

    it("auth is applied to raw calls outside the table too", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}));
      const auth: AuthHook = { apply: (headers) => headers.set("x-token", "t1") };
      await rawOf(acme({ fetch }, { auth })).GET!("/elsewhere");
      expect(calls[0]?.headers.get("x-token")).toBe("t1");
    });

    it("an error thrown by auth.apply is what the call rejects with, and nothing is sent", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}));
      const failure = new Error("login failed");
      const auth: AuthHook = { apply: () => Promise.reject(failure) };
      await expect(acme({ fetch }, { auth }).items.get({ itemId: "1" })).rejects.toBe(failure);
      expect(calls).toHaveLength(0);
    });

    it("an already-aborted call never runs auth.apply", async () => {
      const { fetch } = scriptedFetch(() => json({}));
      const apply = vi.fn();
      const error = await acme({ fetch }, { auth: { apply } }).items.get({ itemId: "1" }, { signal: AbortSignal.abort() }).catch((e) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(apply).not.toHaveBeenCalled();
    });

    it("after a 401, refresh is asked once; when it got new credentials the request is sent once more", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}, 401), () => json({ data: { ok: 1 } }));
      let token = "old";
      const refresh = vi.fn(async () => ((token = "new"), true));
      const auth: AuthHook = { apply: (headers) => headers.set("x-token", token), refresh };
      await expect(acme({ fetch, retry: false }, { auth }).items.get({ itemId: "1" })).resolves.toEqual({ ok: 1 });
      expect(calls.map((c) => c.headers.get("x-token"))).toEqual(["old", "new"]);
      expect(refresh).toHaveBeenCalledTimes(1);
    });

    it("a second 401 after a refresh is the call's error: refresh is not asked again", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}, 401));
      const refresh = vi.fn(async () => true);
      const error = await acme({ fetch, retry: false }, { auth: { apply: () => undefined, refresh } }).items.get({ itemId: "1" }).catch((e) => e);
      expect(error).toBeInstanceOf(APIError);
      expect(error.status).toBe(401);
      expect(calls).toHaveLength(2);
      expect(refresh).toHaveBeenCalledTimes(1);
    });

    it("when refresh got no new credentials the 401 is the call's error, sent once", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}, 401), () => json({ data: {} }));
      const refresh = vi.fn(async () => false);
      const error = await acme({ fetch, retry: false }, { auth: { apply: () => undefined, refresh } }).items.get({ itemId: "1" }).catch((e) => e);
      expect(error.status).toBe(401);
      expect(calls).toHaveLength(1);
      expect(refresh).toHaveBeenCalledTimes(1);
    });

    it("a 401 of an operation without auth never asks refresh", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}, 401), () => json({}));
      const refresh = vi.fn(async () => true);
      const client = createApiClient<{}, { open: { get: () => Promise<unknown> } }>(vendor, [{ id: "open.get", method: "GET", path: "/open", idempotent: true, noAuth: true }], { fetch, retry: false }, { auth: { apply: () => undefined, refresh } });
      await expect(client.open.get()).rejects.toMatchObject({ status: 401 });
      expect(refresh).not.toHaveBeenCalled();
      expect(calls).toHaveLength(1);
    });
  });

  describe("what the logger receives", () => {
    it("a failed attempt logs its error and the retry with exact messages; durations are real", async () => {
      const events: LogEvent[] = [];
      const { fetch } = scriptedFetch(() => Promise.reject(new TypeError("boom")), () => json({ data: {} }));
      await acme({ fetch, logger: (e) => events.push(e), retry: { maxRetries: 1, initialDelayMs: 4, maxDelayMs: 4 } }).items.get({ itemId: "1" });
      expect(events.map((e) => e.event)).toEqual(["request", "error", "retry", "request", "response"]);
      expect(events[1]).toEqual({ event: "error", attempt: 1, message: "ConnectionError: Acme items.get: could not reach the API: boom", operationId: "items.get", method: "GET", path: "/items/{itemId}" });
      expect(events[2]).toMatchObject({ event: "retry", attempt: 1, message: "ConnectionError" });
      const { durationMs } = events[4] as LogEvent & { durationMs: number };
      expect(durationMs).toBeGreaterThanOrEqual(0);
      expect(durationMs).toBeLessThan(10_000);
    });

    it("a raw call outside the table logs no operation id", async () => {
      const events: LogEvent[] = [];
      const { fetch } = scriptedFetch(() => json({}));
      await rawOf(acme({ fetch, logger: (e) => events.push(e) })).GET!("/elsewhere");
      expect(events.map((e) => [e.event, e.operationId, e.method, e.path])).toEqual([
        ["request", undefined, "GET", "/v1/elsewhere"],
        ["response", undefined, "GET", "/v1/elsewhere"],
      ]);
    });

    it("a budget slot taken normally logs no wait", async () => {
      const events: LogEvent[] = [];
      const { fetch } = scriptedFetch(() => json({ data: {} }));
      await acme({ fetch, logger: (e) => events.push(e), requestBudget: { requests: 5, intervalMs: 1000 } }).items.get({ itemId: "1" });
      expect(events.map((e) => e.event)).toEqual(["request", "response"]);
    });

    it("the local-fallback log line redacts a secret the store's error quotes", async () => {
      const events: LogEvent[] = [];
      const { fetch } = scriptedFetch(() => json({ data: {} }));
      const store = { acquire: () => Promise.reject(new Error(`auth failed for ${SECRET}`)), release: () => undefined, pause: () => 0 };
      await acme({ fetch, logger: (e) => events.push(e), requestBudget: { requests: 5, intervalMs: 1000 }, budgetStore: store, budgetKey: "k", onStoreError: "local" }).items.get({ itemId: "1" });
      const wait = events.find((e) => e.event === "wait");
      expect(wait?.message).toContain("budget store failed (auth failed for ");
      expect(wait?.message).not.toContain(SECRET);
    });
  });

  describe("waiting for a rate limit", () => {
    const limited = () => json({}, 429, { "retry-after": "5" });

    it("waits once, for the pause the API asked for, and logs it", async () => {
      for (const requestBudget of [undefined, { requests: 5, intervalMs: 1000 }]) {
        const events: LogEvent[] = [];
        const { sleep, waits } = recordingSleep();
        const { fetch, calls } = scriptedFetch(limited, () => json({ data: {} }));
        const client = acme({ fetch, sleep, retry: false, waitOnRateLimit: true, logger: (e) => events.push(e), ...(requestBudget ? { requestBudget } : {}) });
        await expect(client.items.get({ itemId: "1" })).rejects.toMatchObject({ status: 429 });
        await client.items.get({ itemId: "1" });
        expect(calls).toHaveLength(2);
        expect(waits).toHaveLength(1);
        expect(waits[0]).toBeGreaterThan(4_900);
        expect(waits[0]).toBeLessThanOrEqual(5_000);
        expect(events.filter((e) => e.event === "wait")).toEqual([{ event: "wait", attempt: 1, waitMs: waits[0], message: "rate limit reached", operationId: "items.get", method: "GET", path: "/items/{itemId}" }]);
      }
    });

    it("waits for one 429's pause once even when the clock ticks between its readings (tracker and budget)", async () => {
      // A clock that moves 2 ms at every third reading: the tracker's and the budget's ends of the same
      // pause then differ by a few ms, as on a loaded machine, where this once waited the pause twice
      // (this clock reproduces it: without the same-pause tolerance the pause is waited twice).
      let t = 1_000_000;
      let n = 0;
      const now = vi.spyOn(Date, "now").mockImplementation(() => (t += n++ % 3 === 2 ? 2 : 0));
      try {
        const { sleep, waits } = recordingSleep();
        const { fetch, calls } = scriptedFetch(limited, () => json({ data: {} }));
        const client = acme({ fetch, sleep, retry: false, waitOnRateLimit: true, requestBudget: { requests: 5, intervalMs: 1000 } });
        await expect(client.items.get({ itemId: "1" })).rejects.toMatchObject({ status: 429 });
        await client.items.get({ itemId: "1" });
        expect(calls).toHaveLength(2);
        expect(waits).toHaveLength(1);
        expect(waits[0]).toBeGreaterThan(4_900);
      } finally {
        now.mockRestore();
      }
    });

    it("waitOnRateLimit: true waits up to 60 s, a number up to that many ms, false not at all", async () => {
      for (const [waitOnRateLimit, expected] of [[true, [60_000]], [1_500, [1_500]], [false, []]] as const) {
        const { sleep, waits } = recordingSleep();
        const { fetch } = scriptedFetch(() => json({}, 429, { "retry-after": "120" }), () => json({ data: {} }));
        const client = acme({ fetch, sleep, retry: false, waitOnRateLimit });
        await client.items.get({ itemId: "1" }).catch(() => undefined);
        await client.items.get({ itemId: "1" });
        expect(waits).toHaveLength(expected.length);
        // The pause (capped at maxRetryAfterMs, 60 s) is measured from when it was asked for: a few ms may have passed.
        if (expected.length) expect(waits[0]).toBeGreaterThan(expected[0] - 50);
        if (expected.length) expect(waits[0]).toBeLessThanOrEqual(expected[0]);
      }
    });

    it("with waiting off, nothing about the pause is logged", async () => {
      const events: LogEvent[] = [];
      const { fetch } = scriptedFetch(limited, () => json({ data: {} }));
      const client = acme({ fetch, retry: false, logger: (e) => events.push(e), requestBudget: { requests: 5, intervalMs: 1000 } });
      await client.items.get({ itemId: "1" }).catch(() => undefined);
      await client.items.get({ itemId: "1" });
      expect(events.map((e) => e.event)).toEqual(["request", "response", "request", "response"]);
    });

    it("a Retry-After on a success does not pause the next request", async () => {
      const { sleep, waits } = recordingSleep();
      const { fetch } = scriptedFetch(() => json({ data: {} }, 200, { "retry-after": "5" }));
      const client = acme({ fetch, sleep, waitOnRateLimit: true });
      await client.items.get({ itemId: "1" });
      await client.items.get({ itemId: "1" });
      expect(waits).toEqual([]);
    });

    it("all pauses of one attempt together stay within waitOnRateLimit; a slot taken during a pause goes back unsent", async () => {
      const store = new MemoryBudgetStore({ now: () => 1_000 });
      const spec = { requests: 2, intervalMs: 60_000 };
      const waits: number[] = [];
      // While the first pause is waited out, another worker is told to pause longer.
      const sleep = async (ms: number) => {
        if (waits.push(ms) === 1) store.pause("k", 10_000);
      };
      const { fetch, calls } = scriptedFetch(limited, () => json({ data: {} }));
      const client = acme({ fetch, sleep, retry: false, waitOnRateLimit: 6_000, requestBudget: spec, budgetStore: store, budgetKey: "k" });
      await client.items.get({ itemId: "1" }).catch(() => undefined);
      await client.items.get({ itemId: "1" });
      expect(calls).toHaveLength(2);
      expect(waits).toHaveLength(2);
      expect(waits[0]).toBeGreaterThan(4_900);
      expect(waits[0]! + waits[1]!).toBe(6_000);
      // Two requests were sent, so both slots are spent: the one taken during the pause went back unsent and was taken again.
      expect(store.acquire("k", spec)).toEqual({ granted: false, waitMs: 60_000, pausedMs: 10_000 });
    });
  });

  describe("what a request costs the budget", () => {
    const spec = { requests: 1, intervalMs: 60_000 };
    const budgeted = (fetch: (url: string, init: RequestInit) => Promise<Response>, extra: Record<string, unknown> = {}) => {
      const store = new MemoryBudgetStore({ now: () => 1_000 });
      const client = acme({ fetch, retry: false, requestBudget: spec, budgetStore: store, budgetKey: "k", ...extra });
      const spent = () => !store.acquire("k", spec).granted;
      return { client, spent };
    };

    it("a redirect that is not followed, a bad JSON body, a timeout and a cut-off body all count as sent", async () => {
      const hangingBody = () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{")) }), { headers: { "content-type": "application/json" } });
      const cutOff = () => new Response(new ReadableStream({ start: (c) => c.error(new Error("reset")) }), { headers: { "content-type": "application/json" } });
      const cases: [() => Response, new (...args: any[]) => Error, Record<string, unknown>][] = [
        [() => new Response(null, { status: 302, headers: { location: `${BASE}/x` } }), RedirectError, {}],
        [() => new Response("nope", { headers: { "content-type": "application/json" } }), ResponseParseError, {}],
        [hangingBody, TimeoutError, { timeoutMs: 20 }],
        [cutOff, ConnectionError, {}],
      ];
      for (const [answer, Kind, extra] of cases) {
        const { fetch } = scriptedFetch(answer);
        const { client, spent } = budgeted(fetch, extra);
        await expect(client.items.get({ itemId: "1" })).rejects.toBeInstanceOf(Kind);
        expect(spent()).toBe(true);
      }
    });

    it("an abort while the response is read counts as sent and is not retried", async () => {
      const events: LogEvent[] = [];
      const controller = new AbortController();
      const { fetch, calls } = scriptedFetch(() => {
        setTimeout(() => controller.abort(), 5);
        return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{")) }), { headers: { "content-type": "application/json" } });
      });
      const { client, spent } = budgeted(fetch, { retry: { maxRetries: 2 }, logger: (e: LogEvent) => events.push(e) });
      await expect(client.items.get({ itemId: "1" }, { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
      expect(spent()).toBe(true);
      expect(calls).toHaveLength(1);
      expect(events.map((e) => e.event)).toEqual(["request", "error"]);
    });

    it("a request refused before it left (connection refused) does not count", async () => {
      const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
      const { fetch } = scriptedFetch(() => Promise.reject(refused));
      const { client, spent } = budgeted(fetch);
      await expect(client.items.get({ itemId: "1" })).rejects.toBeInstanceOf(ConnectionError);
      expect(spent()).toBe(false);
    });

    it("an abort while queued for a slot is the call's AbortError", async () => {
      const { fetch } = scriptedFetch(() => json({ data: {} }));
      const client = acme({ fetch, requestBudget: spec });
      await client.items.get({ itemId: "1" });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 5);
      const error = await client.items.get({ itemId: "1" }, { signal: controller.signal }).catch((e) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(error.message).toBe("Acme items.get: the request was aborted");
    });
  });

  describe("createTransport on its own", () => {
    const badJson = () => new Response("not json", { headers: { "content-type": "application/json" } });
    const transport = (fetch: (url: string, init: RequestInit) => Promise<Response>) =>
      createTransport({ vendor: "Acme", baseUrl: BASE, fetch, retry: resolveRetry(false), timeoutMs: 0, rateLimit: new RateLimitTracker(), maxRateLimitWaitMs: 0, secrets: () => [], lookup: () => undefined });
    const op = (response?: "binary" | "empty"): OperationMeta => ({ id: "files.get", method: "GET", path: "/files", idempotent: true, ...(response ? { response } : {}) });

    it("reads a file or an empty-response operation without checking JSON, and any other body as JSON", async () => {
      const { fetch } = scriptedFetch(badJson);
      const send = transport(fetch);
      for (const response of ["binary", "empty"] as const) {
        const answer = await send(new PreparedRequest(`${BASE}/files`, { operation: op(response) }));
        expect(await answer.text()).toBe("not json");
      }
      const error = await send(new PreparedRequest(`${BASE}/files`, { operation: op() })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseParseError);
      expect((error as Error).message).toBe("Acme files.get: the 200 response is not valid JSON (application/json, 8 bytes)");
    });

    it("honours the request's own parseAs", async () => {
      const { fetch } = scriptedFetch(badJson);
      const answer = await transport(fetch)(new PreparedRequest(`${BASE}/files`, { operation: op(), parseAs: "text" }));
      expect(await answer.text()).toBe("not json");
    });
  });

  describe("bodies", () => {
    it("the body of a redirect that is not followed is cancelled, not left open", async () => {
      let cancelled = false;
      const body = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("moved")), cancel: () => void (cancelled = true) });
      const { fetch } = scriptedFetch(() => new Response(body, { status: 302, headers: { location: `${BASE}/x` } }));
      await expect(acme({ fetch }).items.get({ itemId: "1" })).rejects.toBeInstanceOf(RedirectError);
      expect(cancelled).toBe(true);
    });

    it("leaves no timeout timer behind once the response is read", async () => {
      vi.useFakeTimers();
      const { fetch } = scriptedFetch(() => json({ data: {} }));
      await acme({ fetch }).items.get({ itemId: "1" });
      expect(vi.getTimerCount()).toBe(0);
    });

    it("a raw call with parseAs: text accepts a body that is not JSON", async () => {
      const { fetch } = scriptedFetch(() => new Response("oops", { headers: { "content-type": "application/json" } }));
      const { data, response } = await rawOf(acme({ fetch, retry: false })).GET!("/events", { parseAs: "text" });
      expect(response.status).toBe(200);
      expect(data).toBe("oops");
    });

    it("a body-less web Request from a middleware is sent without a body", async () => {
      const { fetch, calls } = scriptedFetch(() => json({}));
      const client = acme({ fetch });
      (client.raw as unknown as { use: (m: unknown) => void }).use({ onRequest: ({ request }: { request: { url: string; headers: Headers } }) => new Request(request.url, { headers: request.headers }) });
      await rawOf(client).GET!("/events");
      expect(calls[0]?.body).toBeNull();
    });
  });
});
