import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  APIError, AuthenticationError, BadRequestError, ConflictError, ConnectionError, InboxKitError, NotFoundError,
  RateLimitError, ServerError, TimeoutError, ValidationError, errorClassForStatus, type LogEvent,
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
