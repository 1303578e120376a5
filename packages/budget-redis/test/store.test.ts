// The Redis store against a real redis-server: the budget's semantics in Lua, atomic grants, the
// pause, keys that expire by themselves, and abort while waiting for a slot.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError, createApiClient, type OperationMeta, type VendorMeta } from "@inboxkit/runtime";
import { createRedisBudgetStore, type RedisBudgetStore } from "../src/index.js";
import { startApi, startRedis, type RedisServer } from "./harness.js";

let server: RedisServer;
let redis: Redis;
let store: RedisBudgetStore;
let n = 0;
/** A fresh budget key per test. */
const key = () => `test-${process.pid}-${++n}`;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
  store = createRedisBudgetStore({ redis: server.url, leaseMs: 2000 });
});
afterAll(async () => {
  await store?.close();
  redis?.disconnect();
  await server?.stop();
});

const budget = { requests: 2, intervalMs: 300 };

describe("RedisBudgetStore", () => {
  it("grants `requests` slots; a slot in flight is free a window after its release, one never sent at once", async () => {
    const k = key();
    const a = await store.acquire(k, budget);
    const b = await store.acquire(k, budget);
    expect(a.granted && b.granted).toBe(true);
    if (!a.granted || !b.granted) return;
    expect(new Set([a.lease.slot, b.lease.slot])).toEqual(new Set([1, 2]));
    const full = await store.acquire(k, budget);
    expect(full).toMatchObject({ granted: false, pausedMs: 0 });
    expect(full.granted ? 0 : full.waitMs).toBeGreaterThan(290); // both in flight: a window from now at the soonest
    await store.release(k, budget, a.lease, true);
    const cooling = await store.acquire(k, budget);
    expect(cooling.granted).toBe(false);
    await store.release(k, budget, b.lease, false);
    const again = await store.acquire(k, budget);
    expect(again.granted).toBe(true); // the unsent slot, at once
    await new Promise((r) => setTimeout(r, 320));
    expect((await store.acquire(k, budget)).granted).toBe(true); // a's slot, a window after its release
  });

  it("a release or renewal by a token that no longer holds the slot changes nothing", async () => {
    const k = key();
    const one = { requests: 1, intervalMs: 300 };
    const a = await store.acquire(k, one);
    if (!a.granted) throw new Error("no grant");
    await store.release(k, one, a.lease, false);
    const b = await store.acquire(k, one);
    if (!b.granted) throw new Error("no grant");
    await store.release(k, one, a.lease, false); // stale
    await store.renew(k, one, [a.lease]);
    expect((await store.acquire(k, one)).granted).toBe(false);
    expect(await redis.hget(`inboxkit:budget:${k}`, "t1")).toBe(b.lease.token);
  });

  it("refuses a key used with another budget", async () => {
    const k = key();
    await store.acquire(k, budget);
    await expect(store.acquire(k, { requests: 3, intervalMs: 300 })).rejects.toThrow(/INBOXKIT_BUDGET_MISMATCH budget "inboxkit:budget:test-\d+-\d+" is 2\/300 \(requests\/intervalMs\) in Redis, not 3\/300/);
  });

  it("a pause is reported by every acquire until it ends, never shortened, and the key expires by itself", async () => {
    const k = key();
    expect(await store.pause(k, 1000)).toBeGreaterThan(990);
    expect(await store.pause(k, 100)).toBeGreaterThan(900);
    const r = await store.acquire(k, budget);
    expect(r.granted).toBe(true);
    expect(r.pausedMs).toBeGreaterThan(900);
    expect(r.pausedMs).toBeLessThanOrEqual(1000);
    const ttl = await redis.pttl(`inboxkit:budget:${k}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2000 + 300 + 1000); // lease + window + 1 s
  });

  it("50 concurrent acquires of a 5-slot budget grant exactly 5", async () => {
    const k = key();
    const other = createRedisBudgetStore({ redis, leaseMs: 2000 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? store : other).acquire(k, { requests: 5, intervalMs: 1000 })));
    const granted = results.filter((r) => r.granted);
    expect(granted).toHaveLength(5);
    expect(new Set(granted.map((r) => (r.granted ? r.lease.slot : 0)))).toEqual(new Set([1, 2, 3, 4, 5]));
  });
});

describe("failing fast", () => {
  /** A client that never answers, whose status and "close" event the test sets. */
  function stuckClient(status: string) {
    let onClose: (() => void) | undefined;
    const client = {
      status,
      calls: 0,
      evalsha: () => (client.calls++, new Promise<never>(() => {})),
      eval: () => (client.calls++, new Promise<never>(() => {})),
      script: () => new Promise<never>(() => {}),
      quit: async () => "OK",
      on: (event: "close", listener: () => void) => {
        if (event === "close") onClose = listener;
      },
      close: () => onClose?.(),
    };
    return client;
  }
  const within = async (promise: Promise<unknown>, ms: number) => Promise.race([promise.then(() => "resolved", (e: Error) => e.message), new Promise((r) => setTimeout(() => r("still waiting"), ms))]);

  it("a connection that is down, or not ready after it was, fails at once without a call", async () => {
    const client = stuckClient("reconnecting");
    const down = createRedisBudgetStore({ redis: client, commandTimeoutMs: 5000 });
    expect(await within(down.acquire("k", budget), 100)).toBe("Redis connection is reconnecting");
    client.status = "ready";
    void down.acquire("k", budget).catch(() => undefined); // seen ready once
    client.status = "connecting";
    expect(await within(down.acquire("k", budget), 100)).toBe("Redis connection is connecting");
    expect(client.calls).toBe(1);
    // Before the first connection is up, a call may wait for it (up to the timeout).
    const fresh = createRedisBudgetStore({ redis: stuckClient("connecting"), commandTimeoutMs: 200 });
    expect(await within(fresh.acquire("k", budget), 100)).toBe("still waiting");
  });

  it("calls on the wire fail the moment the connection closes, and otherwise after commandTimeoutMs", async () => {
    const client = stuckClient("ready");
    const store = createRedisBudgetStore({ redis: client, commandTimeoutMs: 5000 });
    const pending = store.acquire("k", budget);
    await new Promise((r) => setTimeout(r, 20));
    client.close();
    expect(await within(pending, 100)).toBe("Redis connection closed");
    const slow = createRedisBudgetStore({ redis: stuckClient("ready"), commandTimeoutMs: 150 });
    expect(await within(slow.acquire("k", budget), 1000)).toBe("Redis did not answer within 150 ms (connection ready)");
  });
});

describe("a client on the Redis store", () => {
  const vendor: VendorMeta = { name: "Acme", errorCode: ["error", "code"], errorMessage: ["error", "message"] };
  const table: OperationMeta[] = [{ id: "messages.send", method: "POST", path: "/messages", idempotent: false, body: ["json"] }];
  type Api = { messages: { send: (p: { text: string }, o?: { signal?: AbortSignal }) => Promise<unknown> } };

  it("a call waiting for a slot leaves on abort at once, sends nothing and holds no slot", async () => {
    const api = await startApi();
    try {
      const k = key();
      const client = createApiClient<{}, Api>(vendor, table, { baseUrl: api.url, retry: false, requestBudget: { requests: 2, intervalMs: 60_000 }, budgetStore: store, budgetKey: k });
      await Promise.all([client.messages.send({ text: "a" }), client.messages.send({ text: "b" })]);
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      const error = await client.messages.send({ text: "c" }, { signal: controller.signal }).catch((e) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(Date.now() - started).toBeLessThan(2000); // the slot would take a minute
      await new Promise((r) => setTimeout(r, 50));
      expect(api.arrivals.map((a) => a.text).sort()).toEqual(["a", "b"]);
      const hash = await redis.hgetall(`inboxkit:budget:${k}`);
      expect(Object.keys(hash).filter((f) => /^t\d+$/.test(f))).toEqual([]); // no lease held
      expect(Object.keys(hash).filter((f) => /^f\d+$/.test(f)).sort()).toEqual(["f1", "f2"]);
    } finally {
      await api.close();
    }
  });
});
