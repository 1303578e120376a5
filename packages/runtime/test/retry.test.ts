import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY, failedBeforeSending, resolveRetry, serverDelay, ServerError, RateLimitError, ConnectionError, TimeoutError } from "../src/index.js";
import { acme, json, recordingSleep, scriptedFetch } from "./fixtures.js";

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

  it("defaults: 2 retries, 0.5 s base, 8 s cap; 408, 409, 429 and every 5xx; false turns retries off", () => {
    expect(DEFAULT_RETRY.maxRetries).toBe(2);
    expect([408, 409, 429, 500, 502, 503, 504, 599].every((s) => DEFAULT_RETRY.statuses.has(s))).toBe(true);
    expect([400, 401, 403, 404, 422].some((s) => DEFAULT_RETRY.statuses.has(s))).toBe(false);
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

  it("honours Retry-After in seconds, far outside the backoff window (asserted on the injected sleep)", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}, 429, { "retry-after": "45" }), () => json({ data: [] }));
    const { sleep, waits } = recordingSleep();
    await acme({ fetch, sleep }).items.list({});
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([45_000]);
  });

  it("honours Retry-After as an HTTP date, Retry-After-Ms, and a reset epoch on a 429", async () => {
    const cases: [Record<string, string>, (ms: number) => boolean][] = [
      [{ "retry-after": new Date(Date.now() + 30_000).toUTCString() }, (ms) => ms > 28_000 && ms <= 30_000],
      [{ "retry-after-ms": "1234" }, (ms) => ms === 1234],
      [{ "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 20) }, (ms) => ms > 18_000 && ms <= 21_000],
      [{ "x-rate-limit-reset": String(Date.now() + 7000) }, (ms) => ms > 6000 && ms <= 7000], // epoch ms
      [{ "ratelimit-reset": "12" }, (ms) => ms === 12_000],
    ];
    for (const [headers, ok] of cases) {
      const { fetch } = scriptedFetch(() => json({}, 429, headers), () => json({ data: [] }));
      const { sleep, waits } = recordingSleep();
      await acme({ fetch, sleep }).items.list({});
      expect(waits, JSON.stringify(headers)).toHaveLength(1);
      expect(ok(waits[0] as number), `${JSON.stringify(headers)} -> ${waits[0]}`).toBe(true);
    }
  });

  it("caps a server wait at maxRetryAfterMs", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}, 429, { "retry-after": "3600" }), () => json({ data: [] }));
    const { sleep, waits } = recordingSleep();
    await acme({ fetch, sleep, retry: { maxRetryAfterMs: 30 } }).items.list({});
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([30]);
  });

  it("a reset header is a rate-limit wait: on a 503 it is ignored and the backoff applies", async () => {
    const { fetch } = scriptedFetch(() => json({}, 503, { "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 50) }), () => json({ data: [] }));
    const { sleep, waits } = recordingSleep();
    await acme({ fetch, sleep, retry: { initialDelayMs: 100, maxDelayMs: 100 } }).items.list({});
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(75);
    expect(waits[0]).toBeLessThanOrEqual(100);
  });

  it("capped exponential backoff with jitter between attempts", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}, 500));
    const { sleep, waits } = recordingSleep();
    await acme({ fetch, sleep, retry: { maxRetries: 5, initialDelayMs: 100, maxDelayMs: 400 } }).items.list({}).catch(() => undefined);
    expect(calls).toHaveLength(6);
    const bases = [100, 200, 400, 400, 400];
    expect(waits).toHaveLength(5);
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual((bases[i] as number) * 0.75);
      expect(w).toBeLessThanOrEqual(bases[i] as number);
    });
  });

  it("retries 408 and 409 when the request is safe to repeat, never for a send", async () => {
    for (const status of [408, 409]) {
      const safe = scriptedFetch(() => json({}, status), () => json({ data: [1] }));
      await expect(acme({ fetch: safe.fetch }).items.list({})).resolves.toEqual([1]);
      expect(safe.calls).toHaveLength(2);
      const unsafe = scriptedFetch(() => json({}, status), () => json({ data: {} }));
      await expect(acme({ fetch: unsafe.fetch }).messages.send({ to: "+14155550100", text: "hi" })).rejects.toMatchObject({ status });
      expect(unsafe.calls).toHaveLength(1);
    }
  });

  it("x-should-retry: true retries a safe request the policy would not; false forbids any retry", async () => {
    const forced = scriptedFetch(() => json({}, 400, { "x-should-retry": "true" }), () => json({ data: [1] }));
    await expect(acme({ fetch: forced.fetch }).items.list({})).resolves.toEqual([1]);
    expect(forced.calls).toHaveLength(2);
    const forbidden = scriptedFetch(() => json({}, 503, { "x-should-retry": "false" }), () => json({ data: [1] }));
    await expect(acme({ fetch: forbidden.fetch }).items.list({})).rejects.toBeInstanceOf(ServerError);
    expect(forbidden.calls).toHaveLength(1);
    const send = scriptedFetch(() => json({}, 503, { "x-should-retry": "true" }), () => json({ data: {} }));
    await expect(acme({ fetch: send.fetch }).messages.send({ to: "+14155550100", text: "hi" })).rejects.toBeInstanceOf(ServerError);
    expect(send.calls).toHaveLength(1);
  });

  it("per-call retry options override the client's", async () => {
    const off = scriptedFetch(() => json({}, 503), () => json({ data: [] }));
    await expect(acme({ fetch: off.fetch }).items.list({}, { retry: false })).rejects.toBeInstanceOf(ServerError);
    expect(off.calls).toHaveLength(1);
    const more = scriptedFetch(() => json({}, 503));
    const { sleep, waits } = recordingSleep();
    await acme({ fetch: more.fetch, sleep, retry: { maxRetries: 1 } }).items.list({}, { retry: { maxRetries: 4, initialDelayMs: 7, maxDelayMs: 7 } }).catch(() => undefined);
    expect(more.calls).toHaveLength(5);
    expect(waits.every((w) => w >= 5 && w <= 7)).toBe(true);
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

describe("server waits and pre-send failures (pinned by mutation testing)", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const delay = (headers: Record<string, string>) => serverDelay(new Headers(headers), now);

  it("an empty Retry-After-Ms or Retry-After is skipped, not read as 0", () => {
    expect(delay({ "retry-after-ms": "", "retry-after": "3" })).toBe(3000);
    expect(delay({ "retry-after": "", "x-ratelimit-reset": String(now / 1000 + 12) })).toBe(12_000);
    expect(delay({ "retry-after-ms": "", "retry-after": "" })).toBeUndefined();
  });

  it("reads Retry-After-Ms first, and the IETF RateLimit-Reset in seconds from now", () => {
    expect(delay({ "retry-after-ms": "250", "retry-after": "3" })).toBe(250);
    expect(delay({ "ratelimit-reset": "5" })).toBe(5000);
    expect(delay({ "ratelimit-reset": "" })).toBeUndefined();
  });

  it("a small X-RateLimit-Reset is not an epoch: the IETF RateLimit-Reset is used instead, else nothing", () => {
    expect(delay({ "x-ratelimit-reset": "30", "ratelimit-reset": "5" })).toBe(5000);
    expect(delay({ "x-ratelimit-reset": "30" })).toBeUndefined();
  });

  it("reads a reset header past 1e12 as epoch milliseconds", () => {
    expect(delay({ "x-ratelimit-reset": String(now + 4500) })).toBe(4500);
  });

  it("every connect-phase network code counts as failed before sending", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]) {
      expect(failedBeforeSending(Object.assign(new TypeError("fetch failed"), { cause: { code } }))).toBe(true);
    }
    expect(failedBeforeSending(new TypeError("fetch failed"))).toBe(false);
    expect(failedBeforeSending({ code: "" })).toBe(false);
  });

  it("looks through the error and three levels of causes, stops at null, and ends on a cyclic cause", () => {
    const chain = (levels: number, code: string): unknown => {
      let e: unknown = { code };
      for (let i = 0; i < levels; i++) e = { cause: e };
      return e;
    };
    expect(failedBeforeSending(chain(3, "ENOTFOUND"))).toBe(true);
    expect(failedBeforeSending(chain(4, "ENOTFOUND"))).toBe(false);
    expect(failedBeforeSending({ cause: null })).toBe(false);
    const cyclic: { cause?: unknown; code: string } = { code: "ECONNRESET" };
    cyclic.cause = cyclic;
    expect(failedBeforeSending(cyclic)).toBe(false);
  });
});
