import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  APIError, AbortError, AuthenticationError, BadRequestError, ConflictError, ConnectionError, InboxKitError, NotFoundError,
  RateLimitError, RedirectError, ServerError, TimeoutError, ValidationError, WebhookError, errorClassForStatus, isInboxKitError, type LogEvent,
  PaginationError, ResponseParseError, redact, safeHeaders,
} from "../src/index.js";
import { acme, json, scriptedFetch, SECRET } from "./fixtures.js";

describe("error mapping", () => {
  const cases: [number, abstract new (...args: never[]) => APIError][] = [
    [400, BadRequestError], [422, BadRequestError], [401, AuthenticationError], [403, AuthenticationError],
    [404, NotFoundError], [409, ConflictError], [429, RateLimitError], [500, ServerError], [503, ServerError], [418, APIError],
  ];
  it.each(cases)("%i -> %o", async (status, ErrorClass) => {
    expect(errorClassForStatus(status)).toBe(ErrorClass);
    const { fetch } = scriptedFetch(() =>
      json({ error: { code: "failed_validation", message: "The to field is required." } }, status, { "x-request-id": "req_42", "retry-after": "5" }),
    );
    const error = await acme({ fetch, retry: false }).items.get({ itemId: "i1", expand: true }).catch((e) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(InboxKitError);
    expect(error).toMatchObject({
      status,
      code: "failed_validation",
      requestId: "req_42",
      request: { operationId: "items.get", method: "GET", path: "/items/{itemId}", params: { itemId: "i1", expand: true } },
    });
    expect(error.message).toBe(`Acme items.get failed with ${status} failed_validation: The to field is required.`);
    if (ErrorClass === RateLimitError) expect(error.retryAfterMs).toBe(5000);
  });

  it("falls back to the text body or status text when the body has no message", async () => {
    const { fetch } = scriptedFetch(() => new Response("upstream exploded", { status: 502 }));
    const error = await acme({ fetch, retry: false }).items.list({}).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toContain("upstream exploded");
    expect(error.code).toBeUndefined();
  });
});

describe("redaction: the credential never appears", () => {
  const leaks = (value: string) => value.includes(SECRET);

  it("in messages, toString, JSON, inspect, bodies, params and causes", async () => {
    const echoing = scriptedFetch(() => json({ error: { code: "bad_token", message: `token ${SECRET} is revoked` }, echo: { authorization: `Bearer ${SECRET}` } }, 401));
    const events: LogEvent[] = [];
    const client = acme({ fetch: echoing.fetch, retry: false, logger: (e) => events.push(e) });
    const apiError = await client.items.get({ itemId: SECRET }).catch((e) => e);
    const network = await acme({
      fetch: async () => {
        throw new TypeError(`connect failed for Bearer ${SECRET}`, { cause: new Error(`socket ${SECRET}`) });
      },
      retry: false,
      logger: (e) => events.push(e),
    }).items.list({}).catch((e) => e);
    const invalid = await client.items.list({ limit: SECRET }).catch((e) => e);
    expect(apiError).toBeInstanceOf(AuthenticationError);
    expect(network).toBeInstanceOf(ConnectionError);
    expect(invalid).toBeInstanceOf(ValidationError);
    for (const error of [apiError, network, invalid]) {
      const renderings = [error.message, String(error), error.stack ?? "", JSON.stringify(error), inspect(error), inspect(error, { depth: 10, showHidden: true }), String(error.cause ?? ""), inspect(error.cause ?? "")];
      for (const text of renderings) expect(leaks(text), text).toBe(false);
    }
    for (const error of [apiError, network]) expect(JSON.stringify(error)).toContain("[REDACTED]");
    for (const e of events) expect(leaks(JSON.stringify(e))).toBe(false);
    expect(apiError.request.params.itemId).toBe("[REDACTED]");
    expect(apiError.body.echo.authorization).toBe("Bearer [REDACTED]");
  });

  it("never puts request headers in an error", async () => {
    const { fetch } = scriptedFetch(() => json({}, 500));
    const error = await acme({ fetch, retry: false }).items.list({}).catch((e) => e);
    expect(JSON.stringify(error)).not.toMatch(/authorization/i);
    expect(inspect(error)).not.toMatch(/Bearer/);
  });

  it("TimeoutError and friends are InboxKitErrors with a request", () => {
    const e = new TimeoutError("slow", { request: { method: "GET", path: "/x" } });
    expect(e).toBeInstanceOf(InboxKitError);
    expect(e.name).toBe("TimeoutError");
    expect(e.toJSON()).toMatchObject({ name: "TimeoutError", message: "slow", request: { method: "GET", path: "/x" } });
  });
});

describe("brand checks across module copies", () => {
  it("isInboxKitError and Class.is hold for an error from another copy of the package, where instanceof fails", async () => {
    vi.resetModules();
    const copy = "../src/errors.js?copy"; // a second instance of the module: another copy of the package
    const other = (await import(copy)) as typeof import("../src/errors.js");
    const foreign = new other.RateLimitError("slow down", { status: 429, retryAfterMs: 5 });
    expect(foreign).not.toBeInstanceOf(RateLimitError);
    expect(isInboxKitError(foreign)).toBe(true);
    expect(RateLimitError.is(foreign)).toBe(true);
    expect(APIError.is(foreign)).toBe(true);
    expect(InboxKitError.is(foreign)).toBe(true);
    expect(ServerError.is(foreign)).toBe(false);
    expect(ValidationError.is(foreign)).toBe(false);
    expect(isInboxKitError(new Error("x"))).toBe(false);
    expect(isInboxKitError({ name: "RateLimitError" })).toBe(false);
    expect(APIError.is(null)).toBe(false);
    expect(WebhookError.is(new other.InboxKitError("x"))).toBe(false);
  });

  it("names survive on the prototype (and so in stacks and minified builds)", () => {
    const e = new RedirectError("moved", { status: 302 });
    expect(e.name).toBe("RedirectError");
    expect(e.stack?.startsWith("RedirectError: moved")).toBe(true);
    class Custom extends APIError {}
    expect(new Custom("x", { status: 400 }).name).toBe("Custom");
    expect(APIError.is(new Custom("x", { status: 400 }))).toBe(true);
  });
});

describe("messages say where", () => {
  it("ConnectionError, TimeoutError and AbortError name the vendor and the operation", async () => {
    const refused = async (): Promise<Response> => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    };
    const connection = await acme({ fetch: refused, retry: false }).messages.send({ to: "+14155550100", text: "hi" }).catch((e) => e);
    expect(connection).toBeInstanceOf(ConnectionError);
    expect(connection.message).toBe("Acme messages.send: could not reach the API: fetch failed (ECONNRESET)");
    const hang = (_u: string, init: RequestInit) => new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(new Error("aborted"))));
    const timeout = await acme({ fetch: hang, timeoutMs: 5, retry: false }).items.get({ itemId: "1" }).catch((e) => e);
    expect(timeout.message).toBe("Acme items.get: timed out after 5 ms");
    const aborted = await acme({ fetch: hang }).items.get({ itemId: "1" }, { signal: AbortSignal.abort() }).catch((e) => e);
    expect(aborted).toBeInstanceOf(AbortError);
    expect(aborted.message).toBe("Acme items.get: the request was aborted");
    const raw = await (acme({ fetch: refused, retry: false }).raw as any).GET("/unknown/path").catch((e: unknown) => e);
    expect(raw.message).toBe("Acme GET /v1/unknown/path: could not reach the API: fetch failed (ECONNRESET)");
  });

  it("a non-string vendor error code never becomes [object Object]", async () => {
    const codes: [unknown, string | undefined][] = [[{ id: 7 }, undefined], [["a"], undefined], [42, "42"], ["bad_thing", "bad_thing"], [true, undefined]];
    for (const [code, expected] of codes) {
      const { fetch } = scriptedFetch(() => json({ error: { code, message: "nope" } }, 400));
      const error = await acme({ fetch, retry: false }).items.get({ itemId: "1" }).catch((e) => e);
      expect(error.code).toBe(expected);
      expect(error.message).not.toContain("[object Object]");
      expect(error.message).toBe(`Acme items.get failed with 400${expected ? ` ${expected}` : ""}: nope`);
    }
  });

  it("APIError carries the response headers, without cookies, Location or secrets", async () => {
    const { fetch } = scriptedFetch(() => json({}, 429, { "retry-after": "1", "x-ratelimit-remaining": "0", "set-cookie": "session=abc", "x-echo": `Bearer ${SECRET}` }));
    const error = await acme({ fetch, retry: false }).items.get({ itemId: "1" }).catch((e) => e);
    expect(error.headers).toMatchObject({ "retry-after": "1", "x-ratelimit-remaining": "0", "content-type": "application/json", "x-echo": "Bearer [REDACTED]" });
    expect(error.headers).not.toHaveProperty("set-cookie");
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });
});

describe("errors (pinned by mutation testing)", () => {
  const BRAND = Symbol.for("inboxkit.error");
  const brandOf = (e: unknown) => (e as Record<symbol, unknown>)[BRAND];

  it.each([
    [new InboxKitError("m"), "InboxKitError"], [new APIError("m", { status: 418 }), "APIError"], [new BadRequestError("m", { status: 400 }), "BadRequestError"],
    [new AuthenticationError("m", { status: 401 }), "AuthenticationError"], [new NotFoundError("m", { status: 404 }), "NotFoundError"],
    [new ConflictError("m", { status: 409 }), "ConflictError"], [new RateLimitError("m", { status: 429 }), "RateLimitError"], [new ServerError("m", { status: 500 }), "ServerError"],
    [new AbortError("m"), "AbortError"], [new ConnectionError("m"), "ConnectionError"], [new ResponseParseError("m", { status: 200 }), "ResponseParseError"],
    [new PaginationError("m"), "PaginationError"], [new ValidationError([], { message: "m" }), "ValidationError"],
  ].map(([e, n]) => [n, e]) as [string, InboxKitError][])("%s is named so in name, toString and stack", (name, error) => {
    expect(error.name).toBe(name);
    expect(String(error)).toBe(`${name}: m`);
    expect(error.stack?.startsWith(`${name}: m\n`)).toBe(true);
  });

  it("brands each error with its class names under Symbol.for('inboxkit.error'), most derived first (read by other copies)", () => {
    expect(brandOf(new RateLimitError("x", { status: 429 }))).toEqual(["RateLimitError", "APIError", "InboxKitError"]);
    expect(brandOf(new InboxKitError("x"))).toEqual(["InboxKitError"]);
    class Custom extends APIError {}
    expect(brandOf(new Custom("x", { status: 400 }))).toEqual(["Custom", "APIError", "InboxKitError"]);
  });

  it("a subclass whose class name was mangled by a minifier keeps its prototype name, and Class.is still holds", () => {
    const Mangled = class e extends APIError {
      static {
        Object.defineProperty(this.prototype, "name", { value: "PaymentError", writable: true, configurable: true, enumerable: false });
      }
    };
    const error = new Mangled("x", { status: 402 });
    expect(error.name).toBe("PaymentError");
    expect(brandOf(error)).toEqual(["PaymentError", "APIError", "InboxKitError"]);
    expect(Mangled.is(error)).toBe(true);
    expect(APIError.is(error)).toBe(true);
  });

  it("an error's name can be reassigned on an instance, as on a native Error", () => {
    const e = new NotFoundError("gone", { status: 404 });
    e.name = "Renamed";
    expect(e.name).toBe("Renamed");
    expect(new NotFoundError("x", { status: 404 }).name).toBe("NotFoundError");
  });

  it("redact scrubs secrets of 4+ characters only, every occurrence", () => {
    expect(redact("abc and abcd and abcd", ["abc"])).toBe("abc and abcd and abcd");
    expect(redact("abc and abcd and abcd", ["abcd"])).toBe("abc and [REDACTED] and [REDACTED]");
    expect(redact("token", undefined)).toBe("token");
  });

  it("an error without secrets keeps its body, params and cause as given", () => {
    const cause = new TypeError("boom");
    const e = new APIError("x", { status: 400, body: { a: [1, "two"], b: null }, request: { method: "GET", path: "/p", params: { q: "v" } }, cause });
    expect(e.body).toEqual({ a: [1, "two"], b: null });
    expect(e.request).toEqual({ method: "GET", path: "/p", params: { q: "v" } });
    expect(e.cause).toBe(cause);
  });

  it("scrubs secrets inside arrays, null-prototype objects and up to 9 levels deep, keeps nulls and class instances (Date) as they are", () => {
    const since = new Date(0);
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { token: SECRET });
    let deep: unknown = SECRET;
    for (let i = 0; i < 8; i++) deep = { d: deep }; // the string is 9 levels below the body
    const e = new APIError("x", { status: 400, secrets: [SECRET], body: { list: [`a ${SECRET}`, [SECRET]], none: null, bare, deep }, request: { method: "GET", path: "/p", params: { since } } });
    expect(e.body).toEqual({ list: ["a [REDACTED]", ["[REDACTED]"]], none: null, bare: { token: "[REDACTED]" }, deep: JSON.parse(JSON.stringify(deep).replace(SECRET, "[REDACTED]")) });
    expect((e.request?.params as { since: unknown }).since).toBe(since);
  });

  it("a cyclic body or params does not crash the error (the copy stops at a fixed depth)", () => {
    const cyclic: Record<string, unknown> = { token: SECRET };
    cyclic.self = cyclic;
    const list: unknown[] = [SECRET];
    list.push(list);
    const e = new APIError("x", { status: 400, secrets: [SECRET], body: cyclic, request: { method: "GET", path: "/p", params: { list } } });
    expect((e.body as Record<string, unknown>).token).toBe("[REDACTED]");
    expect(((e.body as Record<string, unknown>).self as Record<string, unknown>).token).toBe("[REDACTED]");
    expect((e.request?.params as { list: unknown[] }).list[0]).toBe("[REDACTED]");
  });

  it("toJSON is exactly the name, message and data fields: never the secrets or the cause", () => {
    const e = new ResponseParseError(`bad ${SECRET}`, { status: 200, contentType: `text/${SECRET}`, secrets: [SECRET], cause: new Error("inner"), request: { method: "GET", path: "/p" } });
    expect(e.toJSON()).toStrictEqual({ name: "ResponseParseError", message: "bad [REDACTED]", request: { method: "GET", path: "/p", params: undefined }, status: 200, contentType: "text/[REDACTED]" });
    expect(inspect(e)).toBe(`ResponseParseError: bad [REDACTED] ${JSON.stringify(e.toJSON())}`);
  });

  it("cause is a writable, configurable, non-enumerable property like a native Error's", () => {
    const e = new ConnectionError("x", { cause: "plain", secrets: [SECRET] });
    expect(Object.getOwnPropertyDescriptor(e, "cause")).toEqual({ value: "plain", writable: true, enumerable: false, configurable: true });
  });

  it("a cause Error is copied with message, name, stack and code scrubbed or kept; a cause without a stack is fine", () => {
    const cause = Object.assign(new TypeError(`socket ${SECRET}`), { code: "ECONNRESET" });
    const copy = new ConnectionError("x", { cause, secrets: [SECRET] }).cause as Error & { code?: string };
    expect(copy).toMatchObject({ name: "TypeError", message: "socket [REDACTED]", code: "ECONNRESET" });
    // The original's stack trace (where it failed), scrubbed; not the trace of the copy.
    expect(copy.stack).toBe(cause.stack?.split(SECRET).join("[REDACTED]"));
    expect(copy.stack).not.toContain(SECRET);
    const bare = new Error(`no stack ${SECRET}`);
    delete (bare as { stack?: string }).stack;
    Object.defineProperty(bare, "stack", { value: undefined });
    const scrubbed = new ConnectionError("x", { cause: bare, secrets: [SECRET] }).cause as Error;
    expect(scrubbed.message).toBe("no stack [REDACTED]");
    expect(Object.prototype.hasOwnProperty.call(scrubbed, "code")).toBe(false);
  });

  it("headers: a plain record is accepted, and cookies, credentials and locations are all dropped", () => {
    const unsafe = { "Set-Cookie": "a=1", "set-cookie2": "b=2", authorization: "Bearer x", "proxy-authorization": "Basic y", cookie: "c=3", location: "https://x/?sig=1", "content-location": "/y" };
    const e = new APIError("x", { status: 400, headers: { ...unsafe, "X-Request-Id": "req_1" } });
    expect(e.headers).toEqual({ "x-request-id": "req_1" });
    expect(safeHeaders(new Headers({ ...unsafe, "x-a": "1" }))).toEqual({ "x-a": "1" });
  });

  it("ValidationError without a subject says 'Invalid input' and joins the issues with '; '", () => {
    const e = new ValidationError([{ path: "a.b", message: "is required" }, { path: "", message: "must be an object" }]);
    expect(e.message).toBe("Invalid input: a.b: is required; must be an object");
  });

  it("3xx statuses map to RedirectError, other unknown statuses to APIError", () => {
    expect(errorClassForStatus(300)).toBe(RedirectError);
    expect(errorClassForStatus(302)).toBe(RedirectError);
    expect(errorClassForStatus(399)).toBe(RedirectError);
    expect(errorClassForStatus(299)).toBe(APIError);
    expect(errorClassForStatus(418)).toBe(APIError);
  });
});
