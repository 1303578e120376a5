import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY, failedBeforeSending, resolveRetry, serverDelay, ServerError, RateLimitError, ConnectionError, TimeoutError } from "../src/index.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

describe("backoffDelay", () => {
  it("doubles from the initial delay, is capped, and jitters within [0.75, 1] of the base", () => {
    const policy = resolveRetry({ initialDelayMs: 100, maxDelayMs: 1000 });
    for (let retry = 0; retry < 8; retry++) {
      const base = Math.min(1000, 100 * 2 ** retry);
      expect(backoffDelay(policy, retry, () => 0)).toBe(base);
      expect(backoffDelay(policy, retry, () => 0.999999)).toBe(Math.round(base * 0.75));
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(policy, retry);
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.75));
        expect(d).toBeLessThanOrEqual(base);
      }
    }
  });

  it("defaults: 2 retries, 0.5 s base, 8 s cap; false turns retries off", () => {
    expect(DEFAULT_RETRY.maxRetries).toBe(2);
    expect(resolveRetry(false).maxRetries).toBe(0);
    expect([...resolveRetry({ statuses: [503] }).statuses]).toEqual([503]);
  });
});

describe("serverDelay", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it("reads Retry-After in seconds", () => {
    expect(serverDelay(new Headers({ "retry-after": "7" }), now)).toBe(7000);
    expect(serverDelay(new Headers({ "retry-after": "0" }), now)).toBe(0);
  });
  it("reads Retry-After as an HTTP date", () => {
    const at = new Date(now + 30_000).toUTCString();
    expect(serverDelay(new Headers({ "retry-after": at }), now)).toBe(30_000);
    expect(serverDelay(new Headers({ "retry-after": new Date(now - 5000).toUTCString() }), now)).toBe(0);
  });
  it("reads reset headers in epoch seconds (both spellings)", () => {
    expect(serverDelay(new Headers({ "x-ratelimit-reset": String(now / 1000 + 12) }), now)).toBe(12_000);
    expect(serverDelay(new Headers({ "x-rate-limit-reset": String(now / 1000 + 3) }), now)).toBe(3000);
  });
  it("prefers Retry-After over a reset header and ignores garbage", () => {
    expect(serverDelay(new Headers({ "retry-after": "2", "x-ratelimit-reset": String(now / 1000 + 50) }), now)).toBe(2000);
    expect(serverDelay(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(serverDelay(new Headers(), now)).toBeUndefined();
  });
});

describe("retries in the pipeline", () => {
  it("retries an idempotent call on 503 and 429, then succeeds", async () => {
    const { fetch, calls } = scriptedFetch(
      () => json({ error: { code: "unavailable" } }, 503),
      () => json({}, 429, { "retry-after": "0.01" }),
      () => json({ data: [{ id: 1 }] }),
    );
    await expect(acme({ fetch }).items.list({})).resolves.toEqual([{ id: 1 }]);
    expect(calls).toHaveLength(3);
  });

  it("gives up after maxRetries with a typed error", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ error: { code: "boom", message: "down" } }, 500));
    const error = await acme({ fetch, retry: { maxRetries: 3, initialDelayMs: 1 } }).items.list({}).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, code: "boom" });
    expect(calls).toHaveLength(4);
  });

  it("honours Retry-After (capped by maxRetryAfterMs)", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}, 429, { "retry-after": "3600" }), () => json({ data: [] }));
    const started = Date.now();
    await acme({ fetch, retry: { maxRetryAfterMs: 30 } }).items.list({});
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("does not retry statuses outside the policy, nor anything when retry is false", async () => {
    const a = scriptedFetch(() => json({}, 404));
    await expect(acme({ fetch: a.fetch }).items.get({ itemId: "x" })).rejects.toMatchObject({ status: 404 });
    expect(a.calls).toHaveLength(1);
    const b = scriptedFetch(() => json({}, 503));
    await expect(acme({ fetch: b.fetch, retry: false }).items.list({})).rejects.toBeInstanceOf(ServerError);
    expect(b.calls).toHaveLength(1);
  });

  it("never re-sends a non-idempotent send after a response (429 or 5xx)", async () => {
    for (const status of [429, 500, 503]) {
      const { fetch, calls } = scriptedFetch(() => json({}, status, { "retry-after": "0" }));
      const error = await acme({ fetch }).messages.send({ to: "+14155550100", text: "hi" }).catch((e) => e);
      expect(error).toBeInstanceOf(status === 429 ? RateLimitError : ServerError);
      expect(calls).toHaveLength(1);
    }
  });

  it("a send whose response is lost reaches the server exactly once", async () => {
    let received = 0;
    const fetch = async (): Promise<Response> => {
      received++; // the server got it and processed it ...
      throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) }); // ... but the answer never came back
    };
    const error = await acme({ fetch }).messages.send({ to: "+14155550100", text: "hi" }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(received).toBe(1);
  });

  it("a send that failed before connecting (ECONNREFUSED) is retried", async () => {
    let attempts = 0;
    const fetch = async (): Promise<Response> => {
      attempts++;
      if (attempts === 1) throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
      return json({ data: { id: "m1" } });
    };
    await expect(acme({ fetch }).messages.send({ to: "+14155550100", text: "hi" })).resolves.toEqual({ id: "m1" });
    expect(attempts).toBe(2);
    expect(failedBeforeSending({ cause: { code: "ECONNRESET" } })).toBe(false);
  });

  it("retries idempotent calls after a network error or a timeout, but not a timed-out send", async () => {
    let n = 0;
    const flaky = async (): Promise<Response> => {
      if (++n === 1) throw new TypeError("fetch failed");
      return json({ data: [] });
    };
    await expect(acme({ fetch: flaky }).items.list({})).resolves.toEqual([]);
    expect(n).toBe(2);

    let sends = 0;
    const hang = (_url: string, init: RequestInit): Promise<Response> =>
      new Promise((_, reject) => {
        sends++;
        init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    await expect(acme({ fetch: hang, timeoutMs: 20 }).messages.send({ to: "+14155550100", text: "x" })).rejects.toBeInstanceOf(TimeoutError);
    expect(sends).toBe(1);
  });
});
