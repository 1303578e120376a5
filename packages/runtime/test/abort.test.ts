// Every wait is abortable (budget slot, rate-limit pause, login, backoff), nothing is sent after an
// abort, and one signal shared by many calls never accumulates listeners.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AbortError, abortable, onAbort, RequestBudget, sleep, TimeoutError } from "../src/index.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

const within = <T>(promise: Promise<T>, ms = 3000) => Promise.race([promise.catch((e: unknown) => e), new Promise((r) => setTimeout(() => r("timed out waiting"), ms))]);
const send = { to: "+14155550100", text: "hi" };

describe("abortable waits", () => {
  it("a call queued for a budget slot leaves the queue on abort and never sends", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const client = acme({ fetch, requestBudget: { requests: 1, intervalMs: 150 } });
    await client.items.list({});
    const controller = new AbortController();
    const queued = client.items.list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const outcome = await within(queued);
    expect(outcome).toBeInstanceOf(AbortError);
    await new Promise((r) => setTimeout(r, 250)); // past the window: the aborted call must still not go out
    expect(calls).toHaveLength(1);
    await client.items.list({});
    expect(calls).toHaveLength(2);
  });

  it("RequestBudget.acquire(signal) rejects and removes the waiter; the next waiter gets the slot", async () => {
    const budget = new RequestBudget({ requests: 1, intervalMs: 50 });
    const first = await budget.acquire();
    const controller = new AbortController();
    const aborted = budget.acquire(controller.signal);
    const next = budget.acquire();
    expect(budget.waiting).toBe(2);
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    expect(budget.waiting).toBe(1);
    first();
    const release = await within(next);
    expect(typeof release).toBe("function");
    expect(budget.waiting).toBe(0);
  });

  it("a slot whose request was never sent is free again at once", async () => {
    const budget = new RequestBudget({ requests: 1, intervalMs: 60_000 });
    (await budget.acquire())(false);
    expect(typeof (await within(budget.acquire()))).toBe("function");
  });

  it("a rate-limit pause is abortable", async () => {
    const { fetch, calls } = scriptedFetch(() => json({}, 429, { "retry-after": "30" }));
    const client = acme({ fetch, waitOnRateLimit: 60_000 });
    await client.messages.send(send).catch(() => undefined); // the API asks for a 30 s pause
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    expect(await within(client.messages.send(send, { signal: controller.signal }))).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(1);
  });

  it("waiting for a login is abortable and sends nothing", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const client = acme({ fetch }, { auth: { apply: () => new Promise(() => {}) } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    expect(await within(client.items.list({}, { signal: controller.signal }))).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });

  it("sleep() rejects at once on an already-aborted signal and on abort", async () => {
    await expect(sleep(10_000, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort();
    expect(await within(pending)).toBeInstanceOf(AbortError);
  });
});

describe("one signal shared by many calls", () => {
  it("keeps at most one listener on the caller's signal, and none once the calls are done", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      let release: () => void = () => {};
      const gate = new Promise<void>((r) => (release = r));
      const peak: number[] = [];
      const fetch = async () => {
        peak.push(getEventListeners(controller.signal, "abort").length);
        await gate;
        return json({ data: [] });
      };
      const client = acme({ fetch, timeoutMs: 5000 });
      const all = Promise.all(Array.from({ length: 50 }, () => client.items.list({}, { signal: controller.signal })));
      await new Promise((r) => setTimeout(r, 20));
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
      release();
      await all;
      expect(Math.max(...peak)).toBe(1);
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      // Sequential calls, retries and failures remove theirs too.
      const failing = scriptedFetch(() => json({}, 503), () => json({ data: [] }));
      for (let i = 0; i < 15; i++) await acme({ fetch: failing.fetch }).items.list({}, { signal: controller.signal });
      await acme({ fetch: async () => json({}, 404) }).items.get({ itemId: "x" }, { signal: controller.signal }).catch(() => undefined);
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      await new Promise((r) => setTimeout(r, 10));
      expect(warnings.filter((w) => w === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("onAbort fans out to every subscriber and unsubscribing the last removes the listener", () => {
    const controller = new AbortController();
    const hits: number[] = [];
    const offs = [1, 2, 3].map((i) => onAbort(controller.signal, () => hits.push(i)));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    offs[1]?.();
    controller.abort();
    expect(hits).toEqual([1, 3]);
    const other = new AbortController();
    const off = onAbort(other.signal, () => hits.push(9));
    off();
    expect(getEventListeners(other.signal, "abort")).toHaveLength(0);
  });
});

describe("abort helpers (pinned by mutation testing)", () => {
  it("onAbort on an already-aborted signal calls back at once, once, and adds no listener", () => {
    const signal = AbortSignal.abort();
    let hits = 0;
    const off = onAbort(signal, () => hits++);
    expect(hits).toBe(1);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    off();
    expect(hits).toBe(1);
  });

  it("no listener is left on a signal once it has aborted", () => {
    const controller = new AbortController();
    let hits = 0;
    onAbort(controller.signal, () => hits++);
    controller.abort();
    expect(hits).toBe(1);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("sleep and abortable reject with an AbortError 'The request was aborted', or with the signal's InboxKit reason", async () => {
    const early = await sleep(10, AbortSignal.abort()).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(AbortError);
    expect((early as Error).message).toBe("The request was aborted");
    const controller = new AbortController();
    const pending = abortable(new Promise<never>(() => {}), controller.signal).catch((e: unknown) => e);
    controller.abort();
    const late = await pending;
    expect(late).toBeInstanceOf(AbortError);
    expect((late as Error).message).toBe("The request was aborted");
    const reason = new TimeoutError("Acme items.get: timed out after 5 ms");
    await expect(abortable(new Promise<never>(() => {}), AbortSignal.abort(reason))).rejects.toBe(reason);
    await expect(abortable(Promise.resolve(7), undefined)).resolves.toBe(7);
  });
});
