// The pluggable budget store (MemoryBudgetStore, any async store through RequestBudget) and the
// client-wide pause: a 429's Retry-After, or `remaining: 0` until a reset, holds every request of the
// client not sent yet — and every client sharing the store and key — bounded by waitOnRateLimit.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  BudgetStoreError,
  MemoryBudgetStore,
  RateLimitError,
  RequestBudget,
  ValidationError,
  isInboxKitError,
  type BudgetAcquireResult,
  type BudgetStore,
  type LogEvent,
  type RequestBudgetOptions,
  type SlotLease,
} from "../src/index.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

const send = { to: "+14155550100", text: "hi" };
const T0 = Date.parse("2026-01-01T00:00:00.000Z");

describe("MemoryBudgetStore", () => {
  const budget: RequestBudgetOptions = { requests: 2, intervalMs: 1000 };
  let now = 0;
  const store = () => new MemoryBudgetStore({ now: () => now });
  beforeEach(() => {
    now = 10_000;
  });

  const granted = (r: BudgetAcquireResult): SlotLease => {
    if (!r.granted) throw new Error(`expected a grant, got a wait of ${r.waitMs} ms`);
    return r.lease;
  };

  it("grants `requests` slots, then says when to ask again: a window from now while all are in flight", () => {
    const s = store();
    const a = granted(s.acquire("k", budget));
    const b = granted(s.acquire("k", budget));
    expect(a.slot).not.toBe(b.slot);
    expect(a.token).not.toBe(b.token);
    expect(s.acquire("k", budget)).toEqual({ granted: false, waitMs: 1000, pausedMs: 0 });
  });

  it("a slot sent with is free a window after its release; one never sent is free at once", () => {
    const s = store();
    const a = granted(s.acquire("k", budget));
    const b = granted(s.acquire("k", budget));
    s.release("k", budget, a, true);
    now += 300;
    expect(s.acquire("k", budget)).toEqual({ granted: false, waitMs: 700, pausedMs: 0 });
    s.release("k", budget, b, false);
    expect(s.acquire("k", budget).granted).toBe(true);
    now += 700;
    expect(s.acquire("k", budget).granted).toBe(true);
  });

  it("a release with a token that no longer holds the slot changes nothing; keys are separate budgets", () => {
    const s = store();
    const a = granted(s.acquire("k", budget));
    s.release("k", budget, a, false);
    const again = granted(s.acquire("k", budget));
    granted(s.acquire("k", budget));
    s.release("k", budget, a, false); // stale: the slot is someone else's now
    expect(s.acquire("k", budget).granted).toBe(false);
    s.release("k", budget, again, false);
    expect(s.acquire("k", budget).granted).toBe(true);
    expect(s.acquire("other", budget).granted).toBe(true);
  });

  it("refuses a key used with another budget, and reports a pause on every acquire", () => {
    const s = store();
    granted(s.acquire("k", budget));
    expect(() => s.acquire("k", { requests: 3, intervalMs: 1000 })).toThrow(/budget "k" is 2\/1000 \(requests\/intervalMs\) in this store, not 3\/1000/);
    expect(s.pause("k", 2000)).toBe(2000);
    expect(s.pause("k", 500)).toBe(2000); // a shorter pause does not cut a longer one
    now += 500;
    expect(s.acquire("k", budget)).toMatchObject({ granted: true, pausedMs: 1500 });
    expect(s.acquire("other", budget)).toMatchObject({ granted: true, pausedMs: 0 });
  });
});

/** An async store around a MemoryBudgetStore that records calls and can be made to fail. */
function remoteStore(options: { leaseMs?: number } = {}) {
  const inner = new MemoryBudgetStore();
  const log: string[] = [];
  let failing: Error | undefined;
  const tick = () => new Promise<void>((r) => setTimeout(r, 1));
  const store: BudgetStore & { fail(error?: Error): void; log: string[] } = {
    log,
    fail(error) {
      failing = error;
    },
    async acquire(key, budget) {
      await tick();
      if (failing) throw failing;
      const r = inner.acquire(key, budget);
      log.push(r.granted ? `acquire ${r.lease.token}` : `wait ${r.waitMs}`);
      return r;
    },
    async release(key, budget, lease, sent) {
      await tick();
      if (failing) throw failing;
      log.push(`release ${lease.token} ${sent ? "sent" : "unsent"}`);
      inner.release(key, budget, lease, sent);
    },
    async pause(key, ms) {
      await tick();
      if (failing) throw failing;
      log.push(`pause ${ms}`);
      return inner.pause(key, ms);
    },
    ...(options.leaseMs
      ? {
          leaseMs: options.leaseMs,
          async renew(_key: string, _budget: RequestBudgetOptions, leases: readonly SlotLease[]) {
            log.push(`renew ${leases.map((l) => l.token).join(",")}`);
          },
        }
      : {}),
  };
  return store;
}

describe("RequestBudget on an async store", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it("keeps to the budget: asks again when the store says, in order", async () => {
    const store = remoteStore();
    const budget = new RequestBudget({ requests: 2, intervalMs: 500 }, { store, key: "acme" });
    const started: [number, number][] = [];
    const all = Array.from({ length: 5 }, (_, i) => budget.acquire().then((release) => { started.push([i, Date.now() - T0]); release(); }));
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all(all);
    expect(started.map(([i]) => i)).toEqual([0, 1, 2, 3, 4]);
    const times = started.map(([, t]) => t);
    // Two per window, each a little after the release it waited for (the store's round trips).
    for (let i = 2; i < times.length; i++) expect((times[i] as number) - (times[i - 2] as number)).toBeGreaterThanOrEqual(500);
    expect(times[4]).toBeLessThan(1100);
  });

  it('"fail": a store failure rejects every waiting caller with a BudgetStoreError', async () => {
    const store = remoteStore();
    store.fail(new Error("connect ECONNREFUSED 127.0.0.1:6390"));
    const budget = new RequestBudget({ requests: 2, intervalMs: 500 }, { store, key: "acme" });
    const outcomes = Promise.all([budget.acquire().catch((e) => e), budget.acquire().catch((e) => e)]);
    await vi.advanceTimersByTimeAsync(5);
    const [a, b] = await outcomes;
    for (const e of [a, b]) {
      expect(BudgetStoreError.is(e)).toBe(true);
      expect(isInboxKitError(e)).toBe(true);
      expect(e.message).toBe('the request budget\'s store failed for budget "acme": connect ECONNREFUSED 127.0.0.1:6390');
      expect(e.key).toBe("acme");
      expect(e.cause.message).toContain("ECONNREFUSED");
    }
    expect(budget.waiting).toBe(0);
  });

  it('"local": a store failure falls back to a local budget of the same size, and the store is asked again a second later', async () => {
    const store = remoteStore();
    store.fail(new Error("Redis connection is reconnecting"));
    const budget = new RequestBudget({ requests: 1, intervalMs: 300 }, { store, key: "acme", onStoreError: "local" });
    const got: { t: number; fallback: unknown }[] = [];
    const take = () => budget.take().then((slot) => { got.push({ t: Date.now() - T0, fallback: slot.fallback }); slot.release(); });
    const first = Promise.all([take(), take()]);
    await vi.advanceTimersByTimeAsync(400);
    await first;
    expect(got.map((g) => g.t)).toEqual([1, 301]); // the local budget: one per 300 ms
    expect((got[0]?.fallback as Error).message).toBe("Redis connection is reconnecting");
    store.fail(undefined);
    await vi.advanceTimersByTimeAsync(700); // past the second of local service
    const third = take();
    await vi.advanceTimersByTimeAsync(5);
    await third;
    expect(got[2]?.fallback).toBeUndefined();
    expect(store.log.filter((l) => l.startsWith("acquire"))).toHaveLength(1);
  });

  it('"local": the local budget counts every request, so neither a failure nor the store\'s return adds a burst', async () => {
    const budget = { requests: 2, intervalMs: 5000 };
    const starts: number[] = [];
    const take = (b: RequestBudget) => b.take().then((slot) => { starts.push(Date.now() - T0); slot.release(); });
    // The store grants two, then fails: the third waits for a local slot a window after the first two.
    const down = remoteStore();
    const one = new RequestBudget(budget, { store: down, key: "acme", onStoreError: "local" });
    const first = [take(one), take(one)];
    await vi.advanceTimersByTimeAsync(5);
    await Promise.all(first);
    down.fail(new Error("Redis connection is reconnecting"));
    const third = take(one);
    await vi.advanceTimersByTimeAsync(6000);
    await third;
    expect(starts.slice(0, 2)).toEqual([1, 2]);
    expect(starts[2]).toBeGreaterThanOrEqual(5001); // a window after the first local slot's release
    expect(starts[2]).toBeLessThan(5010);
    // The store fails, two go out locally, the store comes back: it knows nothing of them, the local budget does.
    starts.length = 0;
    vi.setSystemTime(T0);
    const back = remoteStore();
    back.fail(new Error("Redis did not answer within 1000 ms"));
    const two = new RequestBudget(budget, { store: back, key: "acme", onStoreError: "local" });
    const local = [take(two), take(two)];
    await vi.advanceTimersByTimeAsync(5);
    await Promise.all(local);
    back.fail(undefined);
    await vi.advanceTimersByTimeAsync(1500); // past the second of local service: the store is asked again
    const after = take(two);
    await vi.advanceTimersByTimeAsync(5000);
    await after;
    expect(starts.slice(0, 2)).toEqual([1, 1]);
    expect(starts[2]).toBeGreaterThanOrEqual(5001); // the store would have granted at 1500
    expect(starts[2]).toBeLessThan(5010);
    expect(back.log.filter((l) => l.startsWith("acquire"))).toEqual(["acquire 1"]);
  });

  it("a slot granted to a caller who left meanwhile goes back to the store unsent", async () => {
    const store = remoteStore();
    const budget = new RequestBudget({ requests: 1, intervalMs: 60_000 }, { store, key: "acme" });
    const controller = new AbortController();
    const pending = budget.acquire(controller.signal).catch((e) => e);
    controller.abort(); // while the store is being asked
    expect(await pending).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(10);
    expect(store.log).toEqual(["acquire 1", "release 1 unsent"]);
    // …so the slot is free at once for the next caller.
    const next = budget.acquire();
    await vi.advanceTimersByTimeAsync(5);
    expect(typeof (await next)).toBe("function");
  });

  it("renews the leases of held slots every third of the store's leaseMs, and stops once they are given back", async () => {
    const store = remoteStore({ leaseMs: 300 });
    const budget = new RequestBudget({ requests: 2, intervalMs: 500 }, { store, key: "acme" });
    const a = budget.acquire();
    const b = budget.acquire();
    await vi.advanceTimersByTimeAsync(5);
    const [releaseA, releaseB] = await Promise.all([a, b]);
    await vi.advanceTimersByTimeAsync(100);
    expect(store.log.filter((l) => l.startsWith("renew"))).toEqual(["renew 1,2"]);
    releaseA();
    await vi.advanceTimersByTimeAsync(100);
    expect(store.log.filter((l) => l.startsWith("renew"))).toEqual(["renew 1,2", "renew 2"]);
    releaseB();
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.log.filter((l) => l.startsWith("renew"))).toHaveLength(2);
  });
});

/** A fake API that answers 429 (with Retry-After) to the first request and to any other until that pause is over. */
function pausingApi(retryAfterSeconds: number) {
  const arrivals: { t: number; status: number; text: string }[] = [];
  let blockedUntil = -Infinity;
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const t = Date.now() - T0;
    const text = JSON.parse(String(init.body)).text as string;
    if (arrivals.length === 0) blockedUntil = t + retryAfterSeconds * 1000;
    const status = t < blockedUntil ? 429 : 200;
    arrivals.push({ t, status, text });
    return status === 429 ? json({ error: { code: "too_many", message: "slow down" } }, 429, { "retry-after": String(retryAfterSeconds) }) : json({ data: { id: text } });
  };
  return { fetch, arrivals };
}

describe("client-wide pause (in-memory store)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it("a 429's Retry-After holds every request queued behind it instead of each provoking its own 429", async () => {
    const api = pausingApi(2);
    const client = acme({ fetch: api.fetch, requestBudget: { requests: 1, intervalMs: 100 }, waitOnRateLimit: 10_000 });
    const calls = ["a", "b", "c"].map((text) => client.messages.send({ ...send, text }).catch((e) => e));
    await vi.advanceTimersByTimeAsync(3000);
    const [a, b, c] = await Promise.all(calls);
    expect(a).toBeInstanceOf(RateLimitError); // a send is never retried
    expect(b).toEqual({ id: "b" });
    expect(c).toEqual({ id: "c" });
    expect(api.arrivals).toEqual([
      { t: 0, status: 429, text: "a" },
      { t: 2000, status: 200, text: "b" },
      { t: 2100, status: 200, text: "c" },
    ]);
  });

  it("`remaining: 0` with a reset time holds every queued request until the reset, on every client of the key", async () => {
    const arrivals: [string, number][] = [];
    const reset = String((T0 + 2000) / 1000);
    const fetch = async (_url: string, init: RequestInit) => {
      const t = Date.now() - T0;
      arrivals.push([JSON.parse(String(init.body)).text, t]);
      const left = t < 2000 ? "0" : "5";
      return json({ data: {} }, t < 2000 && arrivals.length > 1 ? 429 : 200, { "x-ratelimit-remaining": left, "x-ratelimit-reset": reset });
    };
    const options = { fetch, requestBudget: { requests: 2, intervalMs: 100 }, budgetStore: new MemoryBudgetStore(), budgetKey: "acme", waitOnRateLimit: 10_000 } as const;
    const one = acme(options);
    const two = acme(options);
    const a = one.messages.send({ ...send, text: "a" });
    await vi.advanceTimersByTimeAsync(10);
    const calls = [one.messages.send({ ...send, text: "b" }), two.messages.send({ ...send, text: "c" })];
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all([a, ...calls]);
    expect(arrivals[0]).toEqual(["a", 0]);
    expect(arrivals.slice(1).map(([, t]) => t)).toEqual([2000, 2000]);
  });

  it("the wait is bounded by waitOnRateLimit: after it the request is sent anyway", async () => {
    const api = pausingApi(2);
    const client = acme({ fetch: api.fetch, requestBudget: { requests: 1, intervalMs: 100 }, waitOnRateLimit: 500 });
    const calls = ["a", "b"].map((text) => client.messages.send({ ...send, text }).catch((e) => e));
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all(calls);
    // b got its slot at 100, waited the 500 ms it may, and went out into the API's pause.
    expect(api.arrivals.map((a) => [a.text, a.t, a.status])).toEqual([["a", 0, 429], ["b", 600, 429]]);
  });

  it("with waitOnRateLimit off nothing waits for the pause", async () => {
    const api = pausingApi(2);
    const client = acme({ fetch: api.fetch, requestBudget: { requests: 1, intervalMs: 100 } });
    const calls = ["a", "b"].map((text) => client.messages.send({ ...send, text }).catch((e) => e));
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all(calls);
    expect(api.arrivals.map((a) => a.t)).toEqual([0, 100]);
  });

  it("waiting for the pause is abortable, and the aborted call is never sent", async () => {
    const api = pausingApi(2);
    const client = acme({ fetch: api.fetch, requestBudget: { requests: 1, intervalMs: 100 }, waitOnRateLimit: 10_000 });
    const controller = new AbortController();
    const a = client.messages.send({ ...send, text: "a" }).catch((e) => e);
    const b = client.messages.send({ ...send, text: "b" }, { signal: controller.signal }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(await b).toBeInstanceOf(AbortError);
    await a;
    const c = client.messages.send({ ...send, text: "c" });
    await vi.advanceTimersByTimeAsync(2000);
    await c;
    expect(api.arrivals.map((x) => [x.text, x.t])).toEqual([["a", 0], ["c", 2000]]);
  });

  it("clients sharing one MemoryBudgetStore and key share the budget and the pause", async () => {
    const store = new MemoryBudgetStore();
    const api = pausingApi(2);
    const options = { fetch: api.fetch, requestBudget: { requests: 2, intervalMs: 1000 }, budgetStore: store, budgetKey: "acme", waitOnRateLimit: 10_000 } as const;
    const one = acme(options);
    const two = acme(options);
    const a = one.messages.send({ ...send, text: "a" }).catch((e) => e); // 429: pauses the key
    await vi.advanceTimersByTimeAsync(10);
    const b = two.messages.send({ ...send, text: "b" });
    const c = two.messages.send({ ...send, text: "c" });
    const d = one.messages.send({ ...send, text: "d" });
    await vi.advanceTimersByTimeAsync(4000);
    await Promise.all([a, b, c, d]);
    // Nothing during the pause (either client); then two slots between both clients: two at 2000,
    // the third a window later (which client goes first is not ordered across clients).
    expect(api.arrivals[0]).toEqual({ t: 0, status: 429, text: "a" });
    expect(api.arrivals.slice(1).map((x) => [x.t, x.status])).toEqual([[2000, 200], [2000, 200], [3000, 200]]);
    expect(api.arrivals.map((x) => x.text).sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("a slot granted just as the caller's signal fires is given back unsent", async () => {
    const controller = new AbortController();
    const inner = new MemoryBudgetStore();
    const released: boolean[] = [];
    const store: BudgetStore = {
      acquire(key, budget) {
        // Fires after the slot is handed over, before the caller resumes.
        queueMicrotask(() => controller.abort());
        return inner.acquire(key, budget);
      },
      release(key, budget, lease, sent) {
        released.push(sent);
        inner.release(key, budget, lease, sent);
      },
      pause: (key, ms) => inner.pause(key, ms),
    };
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const client = acme({ fetch, requestBudget: { requests: 1, intervalMs: 60_000 }, budgetStore: store, budgetKey: "acme" });
    const error = await client.messages.send(send, { signal: controller.signal }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
    expect(released).toEqual([false]);
  });
});

describe("budget store options", () => {
  const issuesOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues;
    }
    throw new Error("did not throw");
  };
  const store = new MemoryBudgetStore();
  const budget = { requests: 1, intervalMs: 100 };

  it("are checked: a key is required with a store, neither key nor mode without one, and a store needs a budget", () => {
    expect(issuesOf(() => acme({ requestBudget: budget, budgetStore: store }))).toEqual([{ path: "budgetKey", message: 'is required with budgetStore: the name of the shared budget, e.g. "desk360:account-42"' }]);
    expect(issuesOf(() => acme({ budgetStore: store, budgetKey: "k" }))).toEqual([{ path: "budgetStore", message: "needs a request budget: set requestBudget ({ requests, intervalMs })" }]);
    expect(issuesOf(() => acme({ requestBudget: budget, budgetKey: "k", onStoreError: "local" }))).toEqual([
      { path: "budgetKey", message: "needs budgetStore (without one the budget is this client's alone)" },
      { path: "onStoreError", message: "needs budgetStore (without one the budget is this client's alone)" },
    ]);
    expect(issuesOf(() => acme({ requestBudget: budget, budgetStore: {} as never, budgetKey: "" }))).toEqual([
      { path: "budgetStore", message: "must be a budget store (an object with acquire, release and pause methods) (got object)" },
      { path: "budgetKey", message: "must be a non-empty string (got a string)" },
    ]);
    expect(issuesOf(() => acme({ requestBudget: budget, budgetStore: store, budgetKey: "k", onStoreError: "ignore" as never }))).toEqual([{ path: "onStoreError", message: 'must be "fail" or "local" (got a string)' }]);
    expect(issuesOf(() => acme({ budgetStor: store } as never))[0]).toEqual({ path: "budgetStor", message: "is not a known option; did you mean `budgetStore`?" });
    expect(() => acme({ requestBudget: budget, budgetStore: store, budgetKey: "k", onStoreError: "local" })).not.toThrow();
  });
});

describe("a failing store, through the client", () => {
  const failing = (): BudgetStore => ({
    acquire: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6390")),
    release: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6390")),
    pause: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6390")),
  });

  it('by default the call fails with a BudgetStoreError that says where and that nothing was sent', async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: {} }));
    const error = await acme({ fetch, requestBudget: { requests: 5, intervalMs: 1000 }, budgetStore: failing(), budgetKey: "acme:acct-1" }).messages.send(send).catch((e) => e);
    expect(BudgetStoreError.is(error)).toBe(true);
    expect(error.message).toBe(
      'Acme messages.send: the request budget\'s store failed for budget "acme:acct-1": connect ECONNREFUSED 127.0.0.1:6390; nothing was sent (onStoreError: "local" falls back to a local budget instead)',
    );
    expect(error.request).toMatchObject({ operationId: "messages.send", method: "POST" });
    expect(error.key).toBe("acme:acct-1");
    expect(calls).toHaveLength(0);
  });

  it('with onStoreError: "local" the call goes out under the local budget, and the logger says so', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    try {
      const events: LogEvent[] = [];
      const arrivals: number[] = [];
      const fetch = async () => {
        arrivals.push(Date.now() - T0);
        return json({ data: {} });
      };
      const client = acme({ fetch, requestBudget: { requests: 1, intervalMs: 1000 }, budgetStore: failing(), budgetKey: "acme", onStoreError: "local", logger: (e) => events.push(e) });
      const calls = [client.messages.send(send), client.messages.send(send)];
      await vi.advanceTimersByTimeAsync(1500);
      await Promise.all(calls);
      expect(arrivals).toEqual([0, 1000]);
      expect(events.find((e) => e.event === "wait")?.message).toBe("budget store failed (connect ECONNREFUSED 127.0.0.1:6390); using this client's local budget");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("RequestBudget (pinned by mutation testing)", () => {
  const spec: RequestBudgetOptions = { requests: 1, intervalMs: 100 };
  /** A synchronous store that records the releases it gets. */
  const recording = (inner = new MemoryBudgetStore(), extra: Partial<BudgetStore> = {}) => {
    const releases: { lease: SlotLease | undefined; sent: boolean }[] = [];
    const store: BudgetStore = {
      acquire: (key, budget) => inner.acquire(key, budget),
      release: (key, budget, lease, sent) => {
        releases.push({ lease, sent });
        inner.release(key, budget, lease, sent);
      },
      pause: (key, ms) => inner.pause(key, ms),
      ...extra,
    };
    return { store, releases };
  };
  const settled = <T>(promise: Promise<T>) => {
    const state = { done: false, value: undefined as T | undefined };
    void promise.then((value) => Object.assign(state, { done: true, value }));
    return state;
  };
  afterEach(() => vi.useRealTimers());

  it("refuses a budget without a positive window or a request, with the same RangeError", () => {
    for (const options of [{ requests: 1, intervalMs: 0 }, { requests: 0, intervalMs: 1000 }, { requests: 1, intervalMs: NaN }]) {
      expect(() => new RequestBudget(options)).toThrow(new RangeError("requestBudget needs requests >= 1 and intervalMs > 0"));
    }
  });

  it('is keyed "default" unless told otherwise; its store errors are BudgetStoreErrors by name', () => {
    expect(new RequestBudget(spec).key).toBe("default");
    const error = new BudgetStoreError("down", { key: "k" });
    expect(error.name).toBe("BudgetStoreError");
    expect(String(error)).toBe("BudgetStoreError: down");
    expect(error.key).toBe("k");
  });

  it("the default store keeps the budget's own clock", async () => {
    let now = 0;
    const budget = new RequestBudget({ requests: 1, intervalMs: 60_000 }, { now: () => now });
    (await budget.take()).release(true);
    now = 60_000;
    const next = await Promise.race([budget.take().then(() => "granted"), new Promise((r) => setTimeout(() => r("waiting"), 50))]);
    expect(next).toBe("granted");
  });

  it("a pause the store reports as longer (another worker's) is the one kept; a store that fails to pause leaves the local one", async () => {
    const now = () => 0;
    const longer = new RequestBudget(spec, { now, store: recording(new MemoryBudgetStore(), { pause: async () => 5_000 }).store, key: "k" });
    longer.pause(1_000);
    expect(longer.pausedMs(0)).toBe(1_000);
    await Promise.resolve();
    await Promise.resolve();
    expect(longer.pausedMs(0)).toBe(5_000);
    const failing = new RequestBudget(spec, { now, store: recording(new MemoryBudgetStore(), { pause: () => Promise.reject(new Error("down")) }).store, key: "k" });
    failing.pause(1_000);
    await new Promise((r) => setTimeout(r, 0));
    expect(failing.pausedMs(0)).toBe(1_000);
  });

  it("a slot released twice goes back to the store once", async () => {
    const { store, releases } = recording();
    const budget = new RequestBudget(spec, { store, key: "k" });
    const slot = await budget.take();
    slot.release(false);
    slot.release(true);
    expect(releases.map((r) => r.sent)).toEqual([false]);
  });

  it.each(["sync", "async"] as const)("when slots free up, every waiting caller is served, not only the first (%s store)", async (kind) => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const store = kind === "sync" ? new MemoryBudgetStore() : remoteStore();
    const budget = new RequestBudget({ requests: 2, intervalMs: 100 }, { store, key: "k" });
    const first = [budget.take(), budget.take()];
    await vi.advanceTimersByTimeAsync(5);
    for (const slot of await Promise.all(first)) slot.release(true);
    await vi.advanceTimersByTimeAsync(5);
    const c = settled(budget.take());
    const d = settled(budget.take());
    await vi.advanceTimersByTimeAsync(300);
    expect([c.done, d.done]).toEqual([true, true]);
  });

  it('"local": a local slot taken while the store says wait goes back, so the caller is served once the store frees up', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const shared = new MemoryBudgetStore();
    const other = new RequestBudget(spec, { store: shared, key: "k" });
    (await other.take()).release(true);
    const budget = new RequestBudget(spec, { store: shared, key: "k", onStoreError: "local" });
    const slot = settled(budget.take());
    await vi.advanceTimersByTimeAsync(50);
    expect(slot.done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(slot.done).toBe(true);
  });

  it('"local": every caller queued when the store fails is served from the local budget, whose slots never go to the store', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const renew = vi.fn();
    const failure = new Error("down");
    const releases: unknown[] = [];
    const store: BudgetStore = { acquire: () => Promise.reject(failure), release: (...args) => void releases.push(args), pause: () => 0, leaseMs: 30, renew };
    const budget = new RequestBudget({ requests: 2, intervalMs: 100 }, { store, key: "k", onStoreError: "local" });
    const a = settled(budget.take());
    const b = settled(budget.take());
    await vi.advanceTimersByTimeAsync(100);
    expect([a.done, b.done]).toEqual([true, true]);
    expect(a.value?.fallback).toBe(failure);
    a.value?.release(true);
    b.value?.release(true);
    expect(releases).toEqual([]);
    expect(renew).not.toHaveBeenCalled();
  });

  it("renews leases only for a store with renew and a positive leaseMs; a failing renewal is ignored", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const idle = vi.fn();
    const noLease = new RequestBudget(spec, { store: recording(new MemoryBudgetStore(), { leaseMs: -30, renew: idle }).store, key: "k" });
    const held = await noLease.take();
    // A plain function: a vi.fn would itself observe the rejected promises it returns.
    let renewals = 0;
    const failing = () => (renewals++, Promise.reject(new Error("down")));
    const leased = new RequestBudget(spec, { store: recording(new MemoryBudgetStore(), { leaseMs: 30, renew: failing }).store, key: "k" });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const heldToo = await leased.take();
      let syncRenewals = 0;
      const syncRenew = () => void syncRenewals++;
      const synchronous = new RequestBudget(spec, { store: recording(new MemoryBudgetStore(), { leaseMs: 30, renew: syncRenew }).store, key: "k" });
      const heldSync = await synchronous.take();
      await vi.advanceTimersByTimeAsync(50);
      expect(syncRenewals).toBeGreaterThanOrEqual(2);
      heldSync.release();
      expect(idle).not.toHaveBeenCalled();
      expect(renewals).toBeGreaterThanOrEqual(2);
      held.release();
      heldToo.release();
      vi.useRealTimers();
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it('"local": the store is asked again exactly a second after it failed', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    let asked = 0;
    const store: BudgetStore = { acquire: () => (++asked === 1 ? Promise.reject(new Error("down")) : { granted: true, lease: { slot: 0, token: "t" }, pausedMs: 0 }), release: () => undefined, pause: () => 0 };
    const budget = new RequestBudget({ requests: 5, intervalMs: 100 }, { store, key: "k", onStoreError: "local" });
    const first = await budget.take();
    expect(first.fallback).toBeInstanceOf(Error);
    first.release(false);
    vi.setSystemTime(T0 + 999);
    (await budget.take()).release(false);
    expect(asked).toBe(1);
    vi.setSystemTime(T0 + 1_000);
    const back = await budget.take();
    expect(asked).toBe(2);
    expect(back.fallback).toBeUndefined();
  });

  it('"local": once the local second is over, callers queued behind a failed store ask are all served', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const store: BudgetStore = { acquire: () => Promise.reject(new Error("down")), release: () => undefined, pause: () => 0 };
    const budget = new RequestBudget({ requests: 2, intervalMs: 1_500 }, { store, key: "k", onStoreError: "local" });
    const first = [settled(budget.take()), settled(budget.take())];
    await vi.advanceTimersByTimeAsync(5);
    for (const slot of first) slot.value?.release(true);
    const b = settled(budget.take());
    const c = settled(budget.take());
    await vi.advanceTimersByTimeAsync(1_000);
    expect([b.done, c.done]).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect([b.done, c.done]).toEqual([true, true]);
  });
});
