// Several worker processes (each its own client and Redis connection) sharing one budget key, against
// a local API that records when every request arrived: the budget holds across processes, a killed
// worker's slots come back after its lease, a live worker's long request keeps its slot, and a 429's
// Retry-After seen by one worker makes the others wait.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { maxInWindow, startApi, startRedis, startWorker, type RedisServer, type Worker } from "./harness.js";
import type { WorkerConfig } from "./worker.js";

let redis: RedisServer;
let api: Awaited<ReturnType<typeof startApi>>;
const workers: Worker[] = [];
let n = 0;

beforeAll(async () => {
  redis = await startRedis();
  api = await startApi();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.kill()));
  api.arrivals.length = 0;
  api.state.answer = () => ({ status: 200 });
});
afterAll(async () => {
  await api?.close();
  await redis?.stop();
});

async function spawnWorkers(count: number, config: Omit<WorkerConfig, "redisUrl" | "apiUrl" | "key"> & { key?: string }): Promise<Worker[]> {
  const key = config.key ?? `workers-${process.pid}-${++n}`;
  const started = await Promise.all(Array.from({ length: count }, () => startWorker({ redisUrl: redis.url, apiUrl: api.url, key, ...config })));
  workers.push(...started);
  return started;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

describe("one budget across worker processes", () => {
  it("4 workers × 10 callers never put more than `requests` in any window at the server", async () => {
    const requests = 5;
    const intervalMs = 300;
    api.state.answer = () => ({ status: 200, delayMs: Math.floor(Math.random() * 20) });
    const pool = await spawnWorkers(4, { requests, intervalMs });
    const results = (await Promise.all(pool.map((w, i) => w.send(Array.from({ length: 15 }, (_, j) => `w${i}-${j}`), 10)))).flat();
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const texts = api.arrivals.map((a) => a.text);
    expect(texts).toHaveLength(60);
    expect(new Set(texts).size).toBe(60);
    expect(maxInWindow(api.arrivals.map((a) => a.at), intervalMs)).toBeLessThanOrEqual(requests);
    expect(api.maxInFlight).toBeLessThanOrEqual(requests);
    // …and the budget is used, not just respected: 60 sends need at least 11 windows after the first 5.
    const span = Math.max(...api.arrivals.map((a) => a.at)) - Math.min(...api.arrivals.map((a) => a.at));
    expect(span).toBeGreaterThanOrEqual(11 * intervalMs);
    // Loose (machines under load delay timers); a slot idle a whole extra window per use would take 23.
    expect(span).toBeLessThan(11 * intervalMs * 1.8);
  });

  it("the slots of a worker killed mid-request come back after its lease (plus a window), not before", async () => {
    const config = { requests: 2, intervalMs: 400, leaseMs: 600 };
    api.state.answer = (text) => (text.startsWith("doomed") ? "hang" : { status: 200 });
    const [doomed, survivor] = await spawnWorkers(2, config);
    // The doomed worker takes its slots (and starts their leases) after this instant and before its
    // requests arrive: the lease is measured from the one, the slack above from the other (on a loaded
    // machine the gap between taking a slot and the request's arrival is tens of milliseconds).
    const firedAt = performance.now();
    doomed!.fire(["doomed-1", "doomed-2"]);
    await until(() => api.arrivals.length === 2);
    const sentAt = Math.max(...api.arrivals.map((a) => a.at));
    await doomed!.kill();
    const results = await survivor!.send(["after-1", "after-2"], 2);
    expect(results.every((r) => r.ok)).toBe(true);
    const after = api.arrivals.filter((a) => a.text.startsWith("after")).map((a) => a.at);
    expect(after).toHaveLength(2);
    // The lease (600) must run out, then a window (400) pass: the dead worker's requests may have
    // reached the server up to the lease's end. Generous slack above: a loaded machine delays timers.
    for (const at of after) {
      expect(at - firedAt).toBeGreaterThanOrEqual(600 + 400 - 5); // 5: whole-millisecond rounding
      expect(at - sentAt).toBeLessThan(600 + 400 + 2000);
    }
  });

  it("a live worker's long request keeps its slot past the lease (renewal)", async () => {
    const config = { requests: 1, intervalMs: 300, leaseMs: 600 };
    api.state.answer = (text) => ({ status: 200, delayMs: text === "long" ? 2000 : 0 });
    const [slow, other] = await spawnWorkers(2, config);
    const long = slow!.send(["long"]);
    await until(() => api.arrivals.length === 1);
    const started = api.arrivals[0]!.at;
    const results = await other!.send(["next"]);
    await long;
    expect(results[0]?.ok).toBe(true);
    const next = api.arrivals.find((a) => a.text === "next")!;
    const answered = api.arrivals.find((a) => a.text === "long")!.end!;
    // Not when the unrenewed lease would have lapsed (started + 600 + 300), but a window after the long answer.
    expect(next.at).toBeGreaterThanOrEqual(answered + 300 - 30);
    expect(next.at - started).toBeGreaterThan(2000);
  });

  it("a 429 with Retry-After seen by one worker makes the others wait for the pause", async () => {
    const config = { requests: 5, intervalMs: 200, waitOnRateLimit: 5000 };
    let pausedUntil = -Infinity;
    api.state.answer = (text) => {
      const now = performance.now();
      if (text === "first") {
        pausedUntil = now + 1000;
        return { status: 429, headers: { "retry-after": "1" } };
      }
      return now < pausedUntil ? { status: 429, headers: { "retry-after": "1" } } : { status: 200 };
    };
    const [one, two, three] = await spawnWorkers(3, config);
    const [hit] = await one!.send(["first"]);
    expect(hit).toMatchObject({ ok: false, error: "RateLimitError" });
    const pauseStart = api.arrivals[0]!.at;
    const [a, b] = await Promise.all([two!.send(["two-1", "two-2"], 2), three!.send(["three-1", "three-2"], 2)]);
    expect([...a!, ...b!].filter((r) => !r.ok)).toEqual([]);
    const others = api.arrivals.filter((x) => x.text !== "first");
    expect(others.map((x) => x.status)).toEqual([200, 200, 200, 200]);
    for (const x of others) expect(x.at - pauseStart).toBeGreaterThanOrEqual(1000 - 30);
  });
});
