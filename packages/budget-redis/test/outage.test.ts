// Redis going away: by default a call fails fast with a BudgetStoreError and nothing is sent without
// a slot; with onStoreError: "local" the client goes on under its local budget, which already counts
// what it sent through Redis, so the limit holds at the server across the switch.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BudgetStoreError, createApiClient, type OperationMeta, type VendorMeta } from "@inboxkit/runtime";
import { createRedisBudgetStore } from "../src/index.js";
import { freePort, maxInWindow, startApi, startRedis } from "./harness.js";

const vendor: VendorMeta = { name: "Acme", errorCode: ["error", "code"], errorMessage: ["error", "message"] };
const table: OperationMeta[] = [{ id: "messages.send", method: "POST", path: "/messages", idempotent: false, body: ["json"] }];
type Api = { messages: { send: (p: { text: string }) => Promise<unknown> } };
interface Outcome { readonly text: string; readonly started: number; readonly ended: number; readonly error?: unknown }

let api: Awaited<ReturnType<typeof startApi>>;
beforeAll(async () => {
  api = await startApi(() => ({ status: 200, delayMs: 5 }));
});
afterAll(async () => {
  await api?.close();
});

const budget = { requests: 3, intervalMs: 300 };

/** `callers` loops of sends through `client`, each outcome pushed to `out`, until `done()`. */
async function run(client: Api, prefix: string, callers: number, out: Outcome[], done: () => boolean): Promise<Outcome[]> {
  let i = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (!done()) {
        const text = `${prefix}-${i++}`;
        const started = performance.now();
        try {
          await client.messages.send({ text });
          out.push({ text, started, ended: performance.now() });
        } catch (error) {
          out.push({ text, started, ended: performance.now(), error });
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    }),
  );
  return out;
}

describe("when Redis goes away mid-run", () => {
  it('"fail" (default) fails fast with a BudgetStoreError and sends nothing unbudgeted; "local" goes on within the budget', async () => {
    const redis = await startRedis();
    // The user's own ioredis client with its defaults (which queue commands while reconnecting, for up
    // to 20 retries) and a long command timeout: failing fast is the store's doing (a connection that
    // is down fails at once).
    const own = new Redis(redis.url);
    own.on("error", () => undefined);
    const failStore = createRedisBudgetStore({ redis: own, commandTimeoutMs: 5000 });
    const localStore = createRedisBudgetStore({ redis: redis.url, commandTimeoutMs: 500 });
    try {
      const options = { baseUrl: api.url, retry: false as const, requestBudget: budget };
      const failing = createApiClient<{}, Api>(vendor, table, { ...options, budgetStore: failStore, budgetKey: "outage-fail" });
      const falling = createApiClient<{}, Api>(vendor, table, { ...options, budgetStore: localStore, budgetKey: "outage-local", onStoreError: "local" });
      // Redis is killed once both clients have sent a few through it.
      const failed: Outcome[] = [];
      const fellBack: Outcome[] = [];
      let killTime = Infinity;
      const killed = (async () => {
        const deadline = performance.now() + 10_000;
        while (failed.filter((o) => !o.error).length < 6 || fellBack.filter((o) => !o.error).length < 6) {
          if (performance.now() > deadline) throw new Error("the clients did not get going through Redis");
          await new Promise((r) => setTimeout(r, 5));
        }
        await redis.kill();
        killTime = performance.now();
      })();
      // "fail" stops sending at the kill (a call whose acquire was on the wire then waits for the
      // command timeout: ioredis keeps it for the reconnection); "local" goes on for 1.2 s after it.
      const failLoop = run(failing, "fail", 3, failed, () => performance.now() > killTime);
      const localLoop = run(falling, "local", 3, fellBack, () => performance.now() > killTime + 1200);
      await killed;
      await new Promise((r) => setTimeout(r, 100));
      // Every call made now fails fast, typed, and sends nothing.
      const fresh: Outcome[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const error = await failing.messages.send({ text: `fail-after-${i}` }).catch((e: unknown) => e);
        fresh.push({ text: `fail-after-${i}`, started, ended: performance.now(), error });
      }
      await Promise.all([failLoop, localLoop]);

      expect(fresh).toHaveLength(5);
      for (const o of fresh) {
        expect(BudgetStoreError.is(o.error), String(o.error)).toBe(true);
        expect(String((o.error as Error).message)).toMatch(/^Acme messages\.send: the request budget's store failed for budget "outage-fail": .+; nothing was sent/);
        expect(o.ended - o.started).toBeLessThan(2000); // not the 5 s command timeout: the connection is known to be down
      }
      // Nothing reached the API without a slot: no "fail" request arrived after the kill, and every
      // one that arrived is a call that succeeded.
      const failArrivals = api.arrivals.filter((a) => a.text.startsWith("fail-"));
      expect(failArrivals.filter((a) => a.at > killTime + 50)).toEqual([]);
      expect(failArrivals.length).toBe(failed.filter((o) => !o.error).length);
      expect(failed.filter((o) => o.error).every((o) => BudgetStoreError.is(o.error))).toBe(true);

      // "local": no call failed, sends went on after the kill, and the API never saw more than the budget in a window.
      expect(fellBack.filter((o) => o.error)).toEqual([]);
      const localArrivals = api.arrivals.filter((a) => a.text.startsWith("local-"));
      expect(localArrivals.filter((a) => a.at > killTime + 100).length).toBeGreaterThanOrEqual(3);
      expect(maxInWindow(localArrivals.map((a) => a.at), budget.intervalMs)).toBeLessThanOrEqual(budget.requests);
    } finally {
      own.disconnect();
      await localStore.close();
      await redis.stop();
    }
  });

  it("a Redis that is not there at all fails the first call fast, with the typed error", async () => {
    const port = await freePort();
    const store = createRedisBudgetStore({ redis: `redis://127.0.0.1:${port}`, commandTimeoutMs: 500 });
    try {
      const client = createApiClient<{}, Api>(vendor, table, { baseUrl: api.url, retry: false, requestBudget: budget, budgetStore: store, budgetKey: "nowhere" });
      const before = api.arrivals.length;
      const started = performance.now();
      const error = (await client.messages.send({ text: "nowhere" }).catch((e: unknown) => e)) as BudgetStoreError;
      expect(performance.now() - started).toBeLessThan(2000);
      expect(BudgetStoreError.is(error)).toBe(true);
      expect(error.key).toBe("nowhere");
      expect(api.arrivals.length).toBe(before);
    } finally {
      await store.close();
    }
  });
});
