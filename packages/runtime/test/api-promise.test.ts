import { describe, expect, it } from "vitest";
import { createApiClient, NotFoundError, requestIdOf, type APIPromise } from "../src/index.js";
import { acme, json, scriptedFetch, table, vendor } from "./fixtures.js";

describe("response metadata on every call", () => {
  it("plain await gives the unwrapped data; .withResponse() adds the response and the request id, on one request", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: { id: "7" } }, 200, { "x-request-id": "req_123", "x-custom": "yes" }));
    const client = acme({ fetch });
    expect(await client.items.get({ itemId: "7" })).toEqual({ id: "7" });
    const { data, response, requestId } = await client.items.get({ itemId: "7" }).withResponse();
    expect(data).toEqual({ id: "7" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-custom")).toBe("yes");
    expect(requestId).toBe("req_123");
    expect(calls).toHaveLength(2);
  });

  it(".asResponse() gives the raw response with its body unread, still after the call parsed it", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: { id: "7" } }));
    const response = await acme({ fetch }).items.get({ itemId: "7" }).asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ data: { id: "7" } });
    expect(calls).toHaveLength(1);
  });

  it("a failed call rejects with its typed error through every form, and never as an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const { fetch } = scriptedFetch(() => json({ error: { code: "nope", message: "gone" } }, 404));
      const client = acme({ fetch, retry: false });
      await expect(client.items.get({ itemId: "1" }).withResponse()).rejects.toBeInstanceOf(NotFoundError);
      await expect(client.items.get({ itemId: "1" }).asResponse()).rejects.toBeInstanceOf(NotFoundError);
      await expect(client.items.get({ itemId: "1" })).rejects.toBeInstanceOf(NotFoundError);
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("the spec's request-id header wins when it names one; otherwise the common ones are read", async () => {
    const headers = new Headers({ "x-request-id": "common", "x-acme-trace": "acme-1" });
    expect(requestIdOf(vendor, headers)).toBe("common");
    expect(requestIdOf({ ...vendor, requestIdHeader: "x-acme-trace" }, headers)).toBe("acme-1");
    expect(requestIdOf(vendor, new Headers())).toBeUndefined();
    const { fetch } = scriptedFetch(() => json({ error: { code: "x", message: "y" } }, 404, { "x-acme-trace": "acme-2" }));
    const client = createApiClient<{}, { items: { get: (p: object) => APIPromise<unknown> } }>({ ...vendor, requestIdHeader: "x-acme-trace" }, table, { fetch, retry: false });
    const error = await client.items.get({ itemId: "1" }).catch((e: unknown) => e);
    expect((error as NotFoundError).requestId).toBe("acme-2");
  });
});
