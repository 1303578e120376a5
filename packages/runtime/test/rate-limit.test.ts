import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimitTracker, RequestBudget } from "../src/index.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

describe("RateLimitTracker", () => {
  it("reads both header spellings and exposes the state on the client", async () => {
    const reset = Math.floor(Date.now() / 1000) + 60;
    const { fetch } = scriptedFetch(() => json({ data: [] }, 200, { "x-rate-limit-limit": "100", "x-rate-limit-remaining": "7", "x-rate-limit-reset": String(reset) }));
    const client = acme({ fetch });
    expect(client.rateLimit.remaining).toBeUndefined();
    await client.items.list({});
    expect(client.rateLimit).toMatchObject({ limit: 100, remaining: 7, resetAt: reset * 1000 });
    const t = new RateLimitTracker();
    t.update(new Headers({ "x-ratelimit-limit": "60", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }));
    expect(t.state).toMatchObject({ limit: 60, remaining: 0 });
    expect(t.waitMs(reset * 1000 - 1500)).toBe(1500);
    expect(t.waitMs(reset * 1000 + 1)).toBe(0);
  });

  it("waits for the reset instead of provoking a 429 when waitOnRateLimit is on", async () => {
    const resetSoon = () => String(Math.ceil((Date.now() + 300) / 1000));
    let n = 0;
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }, 200, { "x-rate-limit-remaining": n++ === 0 ? "0" : "5", "x-rate-limit-reset": resetSoon() }));
    const client = acme({ fetch, waitOnRateLimit: 5000 });
    await client.items.list({});
    const started = Date.now();
    await client.items.list({});
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("does not wait when waitOnRateLimit is off (the default)", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }, 200, { "x-rate-limit-remaining": "0", "x-rate-limit-reset": reset }));
    const client = acme({ fetch });
    const started = Date.now();
    await client.items.list({});
    await client.items.list({});
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("RequestBudget", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("lets `requests` start per window and queues the rest in order", async () => {
    const budget = new RequestBudget({ requests: 3, intervalMs: 1000 });
    const started: number[] = [];
    const t0 = Date.now();
    const all = Array.from({ length: 7 }, (_, i) => budget.acquire().then((release) => { started.push(i); release(); }));
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Date.now() - t0).toBe(2000);
  });

  it("never allows more than `requests` starts in any window", async () => {
    const budget = new RequestBudget({ requests: 5, intervalMs: 100 });
    const times: number[] = [];
    const all = Array.from({ length: 40 }, () => budget.acquire().then((release) => { times.push(Date.now()); release(); }));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    for (let i = 5; i < times.length; i++) expect((times[i] as number) - (times[i - 5] as number)).toBeGreaterThanOrEqual(100);
  });

  it("a slot is free again intervalMs after its request finished, not after it started", async () => {
    const budget = new RequestBudget({ requests: 1, intervalMs: 1000 });
    const release = await budget.acquire();
    let second = false;
    const next = budget.acquire().then((r) => { second = true; r(); });
    await vi.advanceTimersByTimeAsync(5000); // the first request is still in flight: nothing moves
    expect(second).toBe(false);
    release();
    release(); // idempotent
    await vi.advanceTimersByTimeAsync(999);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(second).toBe(true);
  });

  it("rejects nonsense", () => {
    expect(() => new RequestBudget({ requests: 0, intervalMs: 1 })).toThrow(RangeError);
  });

  it("a client with a budget spaces its requests", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const client = acme({ fetch, requestBudget: { requests: 2, intervalMs: 500 } });
    const all = Promise.all([1, 2, 3].map(() => client.items.list({})));
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(500);
    await all;
    expect(calls).toHaveLength(3);
  });
});

describe("RateLimitTracker (pinned by mutation testing)", () => {
  const NOW = 1_700_000_000_000;
  const headers = (h: Record<string, string>) => new Headers(h);
  const exhausted = (resetAt: number) => {
    const t = new RateLimitTracker();
    t.update(headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(resetAt / 1000) }));
    return t;
  };

  it("starts with every field known to be unknown, and no wait", () => {
    const t = new RateLimitTracker();
    expect(t.state).toStrictEqual({ limit: undefined, remaining: undefined, resetAt: undefined, blockedUntil: undefined });
    expect(t.waitMs(NOW)).toBe(0);
    expect(t.exhaustedMs(NOW)).toBe(0);
  });

  it("a response without a (non-blank) remaining header changes nothing and returns false", () => {
    const t = new RateLimitTracker();
    expect(t.update(headers({ "x-ratelimit-remaining": "5", "x-ratelimit-limit": "10" }))).toBe(true);
    expect(t.update(headers({ "x-ratelimit-limit": "99", "x-ratelimit-reset": "1800000000" }))).toBe(false);
    expect(t.update(headers({ "x-ratelimit-remaining": " " }))).toBe(false);
    expect(t.update(headers({ "x-ratelimit-remaining": "" }))).toBe(false);
    expect(t.update(headers({ "x-ratelimit-remaining": "many" }))).toBe(false);
    expect(t.state).toStrictEqual({ limit: 10, remaining: 5, resetAt: undefined, blockedUntil: undefined });
  });

  it("a reset that is not an epoch time in seconds (a delta, or <= 1e9) is no reset time; a blank limit is no limit", () => {
    const t = new RateLimitTracker();
    t.update(headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "60", "x-ratelimit-limit": " " }));
    expect(t.state).toStrictEqual({ limit: undefined, remaining: 0, resetAt: undefined, blockedUntil: undefined });
    expect(t.waitMs(NOW)).toBe(0);
    t.update(headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000000000" }));
    expect(t.state.resetAt).toBeUndefined();
    t.update(headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000000001" }));
    expect(t.state.resetAt).toBe(1_000_000_001_000);
  });

  it("waits for the reset only when nothing is left and the reset is still ahead", () => {
    expect(exhausted(NOW + 5000).exhaustedMs(NOW)).toBe(5000);
    expect(exhausted(NOW + 5000).waitMs(NOW)).toBe(5000);
    expect(exhausted(NOW - 5000).exhaustedMs(NOW)).toBe(0);
    expect(exhausted(NOW - 5000).waitMs(NOW)).toBe(0);
    const left = new RateLimitTracker();
    left.update(headers({ "x-ratelimit-remaining": "1", "x-ratelimit-reset": String((NOW + 5000) / 1000) }));
    expect(left.exhaustedMs(NOW)).toBe(0);
    expect(left.waitMs(NOW)).toBe(0);
    const noReset = new RateLimitTracker();
    noReset.update(headers({ "x-ratelimit-remaining": "0" }));
    expect(noReset.exhaustedMs(NOW)).toBe(0);
    expect(noReset.waitMs(NOW)).toBe(0);
  });

  it("block keeps the longest pause asked for; a pause that is over is no wait; exhaustedMs ignores it", () => {
    const t = new RateLimitTracker();
    t.block(1000, NOW);
    t.block(5000, NOW);
    t.block(2000, NOW);
    expect(t.state.blockedUntil).toBe(NOW + 5000);
    expect(t.waitMs(NOW)).toBe(5000);
    expect(t.exhaustedMs(NOW)).toBe(0);
    expect(t.waitMs(NOW + 6000)).toBe(0);
    t.update(headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String((NOW + 8000) / 1000) }));
    expect(t.state.blockedUntil).toBe(NOW + 5000);
    expect(t.waitMs(NOW)).toBe(8000);
  });
});
