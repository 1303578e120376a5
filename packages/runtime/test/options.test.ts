// Options are checked at run time: JavaScript callers bypass the types.
import { describe, expect, it } from "vitest";
import { createApiClient, MemoryBudgetStore, ValidationError } from "../src/index.js";
import { acme, json, scriptedFetch, table, vendor } from "./fixtures.js";

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error("did not throw");
};

describe("client options", () => {
  it("an unknown name is an error, with a suggestion when a known option is close", () => {
    expect(issuesOf(() => acme({ timout: 5 } as never))).toEqual([{ path: "timout", message: "is not a known option; did you mean `timeoutMs`?" }]);
    expect(issuesOf(() => acme({ retries: 3 } as never))).toEqual([{ path: "retries", message: "is not a known option; did you mean `retry`?" }]);
    expect(issuesOf(() => acme({ baseURL: "https://x" } as never))).toEqual([{ path: "baseURL", message: "is not a known option; did you mean `baseUrl`?" }]);
    expect(issuesOf(() => acme({ somethingElse: 1 } as never))).toEqual([{ path: "somethingElse", message: "is not a known option" }]);
  });

  it("a wrong type names the option and what it expects", () => {
    expect(issuesOf(() => acme({ timeoutMs: "5" } as never))).toEqual([{ path: "timeoutMs", message: "must be a finite number >= 0 (got a string)" }]);
    expect(issuesOf(() => acme({ retry: { maxRetries: -1 } }))).toEqual([{ path: "retry.maxRetries", message: "must be an integer >= 0 (got -1)" }]);
    expect(issuesOf(() => acme({ retry: { maxRetries: 1.5 } }))).toEqual([{ path: "retry.maxRetries", message: "must be an integer >= 0 (got 1.5)" }]);
    expect(issuesOf(() => acme({ retry: { maxRetrys: 1 } as never }))).toEqual([{ path: "retry.maxRetrys", message: "is not a known option; did you mean `maxRetries`?" }]);
    expect(issuesOf(() => acme({ retry: true } as never))[0]?.path).toBe("retry");
    expect(issuesOf(() => acme({ requestBudget: { requests: 0, intervalMs: 10 } }))).toEqual([{ path: "requestBudget.requests", message: "must be an integer >= 1 (got 0)" }]);
    expect(issuesOf(() => acme({ validate: "no" } as never))[0]?.message).toBe("must be true or false (got a string)");
    expect(issuesOf(() => acme({ maxPages: 0 }))[0]?.path).toBe("maxPages");
    expect(issuesOf(() => acme({ fetch: "fetch" } as never))[0]?.message).toBe("must be a function (got a string)");
  });

  it("never shows the value of a misspelt option (it may be a credential)", () => {
    let error: unknown;
    try {
      acme({ apikey: "sk_live_misspelt_123" } as never);
    } catch (e) {
      error = e;
    }
    expect(JSON.stringify(error) + String(error)).not.toContain("sk_live_misspelt_123");
  });

  it("a vendor's own option names are accepted and suggested", () => {
    expect(() => acme({ apiKey: "k" } as never, { optionNames: ["apiKey", "password"] })).not.toThrow();
    expect(issuesOf(() => acme({ pasword: "p" } as never, { optionNames: ["apiKey", "password"] }))).toEqual([{ path: "pasword", message: "is not a known option; did you mean `password`?" }]);
  });
});

describe("per-call options", () => {
  it("are checked the same way, before sending", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const client = acme({ fetch });
    await expect(client.items.list({}, { timout: 5 })).rejects.toThrow("Invalid options for Acme items.list: timout: is not a known option; did you mean `timeoutMs`?");
    await expect(client.items.list({}, { timeoutMs: "5" })).rejects.toThrow(/timeoutMs: must be a finite number >= 0/);
    await expect(client.items.list({}, { signal: "stop" })).rejects.toThrow(/signal: must be an AbortSignal/);
    await expect(client.items.list({}, { retry: { maxRetries: 1.5 } })).rejects.toThrow(/retry\.maxRetries: must be an integer >= 0 \(got 1\.5\)/);
    expect(calls).toHaveLength(0);
  });

  it("parameters must be an object", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    await expect((acme({ fetch }).items.get as any)("i1")).rejects.toThrow(/must be an object of parameters/);
    expect(calls).toHaveLength(0);
  });
});

describe("option checks (pinned by mutation testing)", () => {
  const one = (options: unknown) => issuesOf(() => acme(options as never));

  it("a client options value that is not an object is one issue naming what it got", () => {
    const create = (options: unknown) => () => createApiClient(vendor, table, options as never);
    expect(create("fast")).toThrow("Invalid Acme client options: must be an object (got a string)");
    expect(issuesOf(create("fast"))).toEqual([{ path: "", message: "must be an object (got a string)" }]);
    expect(issuesOf(create(null))).toEqual([{ path: "", message: "must be an object (got null)" }]);
    expect(issuesOf(create([]))).toEqual([{ path: "", message: "must be an object (got an array)" }]);
  });

  it("per-call options that are not an object are refused before sending", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    await expect(acme({ fetch }).items.list({}, "fast" as never)).rejects.toThrow("Invalid options for Acme items.list: must be an object (got a string)");
    expect(calls).toHaveLength(0);
  });

  it("describes null and arrays by name in the issue", () => {
    expect(one({ timeoutMs: null })).toEqual([{ path: "timeoutMs", message: "must be a finite number >= 0 (got null)" }]);
    expect(one({ timeoutMs: [] })).toEqual([{ path: "timeoutMs", message: "must be a finite number >= 0 (got an array)" }]);
  });

  it("an option given as undefined is ignored", () => {
    expect(() => acme({ timeoutMs: undefined, maxPages: undefined, logger: undefined } as never)).not.toThrow();
  });

  it("timeoutMs must be a finite number >= 0", () => {
    expect(() => acme({ timeoutMs: 0 })).not.toThrow();
    expect(one({ timeoutMs: Infinity })).toEqual([{ path: "timeoutMs", message: "must be a finite number >= 0 (got Infinity)" }]);
    expect(one({ timeoutMs: -1 })).toEqual([{ path: "timeoutMs", message: "must be a finite number >= 0 (got -1)" }]);
  });

  it("retry.maxRetries accepts 0 and refuses a numeric string", () => {
    expect(() => acme({ retry: { maxRetries: 0 } })).not.toThrow();
    expect(one({ retry: { maxRetries: "1" } })).toEqual([{ path: "retry.maxRetries", message: "must be an integer >= 0 (got a string)" }]);
  });

  it("retry must be false or an object, not an array", () => {
    expect(() => acme({ retry: false })).not.toThrow();
    expect(one({ retry: [] })).toEqual([
      { path: "retry", message: "must be false or an object ({ maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, statuses }) (got an array)" },
    ]);
  });

  it("retry.statuses must be an array of integer HTTP statuses from 100 to 599", () => {
    expect(() => acme({ retry: { statuses: [100, 500, 599] } })).not.toThrow();
    expect(() => acme({ retry: { statuses: [] } })).not.toThrow();
    const message = "must be an array of HTTP statuses (integers 100-599)";
    expect(one({ retry: { statuses: "500" } })).toEqual([{ path: "retry.statuses", message: `${message} (got a string)` }]);
    for (const bad of [[99], [600], [500.5], [500, 600]]) {
      expect(one({ retry: { statuses: bad } })).toEqual([{ path: "retry.statuses", message: `${message} (got an array)` }]);
    }
  });

  it("maxPages must be an integer >= 1", () => {
    expect(() => acme({ maxPages: 1 })).not.toThrow();
    expect(one({ maxPages: 1.5 })).toEqual([{ path: "maxPages", message: "must be an integer >= 1 (got 1.5)" }]);
    expect(one({ maxPages: "2" })).toEqual([{ path: "maxPages", message: "must be an integer >= 1 (got a string)" }]);
  });

  it("baseUrl must be a string", () => {
    expect(one({ baseUrl: 5 })).toEqual([{ path: "baseUrl", message: "must be a string (got 5)" }]);
  });

  it("headers must be an object; null and undefined values are skipped, valid ones accepted", () => {
    expect(one({ headers: "x-a: 1" })).toEqual([{ path: "headers", message: "must be an object of header names to string values (got a string)" }]);
    expect(() => acme({ headers: { "X-Trace": "abc" } })).not.toThrow();
    expect(() => acme({ headers: { "X-Trace": null } } as never)).not.toThrow();
    expect(() => acme({ headers: { "X-Trace": undefined } } as never)).not.toThrow();
    expect(one({ headers: { "X-Trace": 5 } })).toEqual([{ path: "headers.X-Trace", message: "must be a string (got number)" }]);
  });

  it("requestBudget is false or { requests, intervalMs } with both required", () => {
    expect(() => acme({ requestBudget: false })).not.toThrow();
    expect(() => acme({ requestBudget: { requests: 1, intervalMs: 0.5 } })).not.toThrow();
    expect(one({ requestBudget: true })).toEqual([{ path: "requestBudget", message: "must be false or { requests, intervalMs } (got boolean)" }]);
    expect(one({ requestBudget: 5 })).toEqual([{ path: "requestBudget", message: "must be false or { requests, intervalMs } (got 5)" }]);
    expect(one({ requestBudget: {} })).toEqual([
      { path: "requestBudget.requests", message: "is required" },
      { path: "requestBudget.intervalMs", message: "is required" },
    ]);
  });

  it("requestBudget.intervalMs must be a finite number > 0", () => {
    const at = (intervalMs: unknown) => one({ requestBudget: { requests: 1, intervalMs } });
    expect(at(0)).toEqual([{ path: "requestBudget.intervalMs", message: "must be a finite number > 0 (got 0)" }]);
    expect(at(-5)).toEqual([{ path: "requestBudget.intervalMs", message: "must be a finite number > 0 (got -5)" }]);
    expect(at(Infinity)).toEqual([{ path: "requestBudget.intervalMs", message: "must be a finite number > 0 (got Infinity)" }]);
    expect(at("10")).toEqual([{ path: "requestBudget.intervalMs", message: "must be a finite number > 0 (got a string)" }]);
  });

  it("budgetStore needs all of acquire, release and pause; budgetKey a non-blank string; onStoreError fail or local", () => {
    const store = new MemoryBudgetStore();
    const shared = { requestBudget: { requests: 1, intervalMs: 10 }, budgetStore: store, budgetKey: "acme:1" };
    expect(() => acme({ ...shared, onStoreError: "fail" })).not.toThrow();
    expect(() => acme({ ...shared, onStoreError: "local" })).not.toThrow();
    expect(one({ ...shared, onStoreError: "ignore" })).toEqual([{ path: "onStoreError", message: 'must be "fail" or "local" (got a string)' }]);
    expect(one({ ...shared, budgetStore: { acquire: () => undefined } })).toEqual([
      { path: "budgetStore", message: "must be a budget store (an object with acquire, release and pause methods) (got object)" },
    ]);
    expect(one({ ...shared, budgetKey: "   " })).toEqual([{ path: "budgetKey", message: "must be a non-empty string (got a string)" }]);
    expect(one({ ...shared, budgetKey: 5 })).toEqual([{ path: "budgetKey", message: "must be a non-empty string (got 5)" }]);
  });

  it("waitOnRateLimit is true, false or a finite number of ms >= 0", () => {
    for (const ok of [true, false, 0, 250]) expect(() => acme({ waitOnRateLimit: ok })).not.toThrow();
    const message = "must be true, false or a number of ms >= 0";
    expect(one({ waitOnRateLimit: -1 })).toEqual([{ path: "waitOnRateLimit", message: `${message} (got -1)` }]);
    expect(one({ waitOnRateLimit: Infinity })).toEqual([{ path: "waitOnRateLimit", message: `${message} (got Infinity)` }]);
    expect(one({ waitOnRateLimit: "5" })).toEqual([{ path: "waitOnRateLimit", message: `${message} (got a string)` }]);
  });

  it("logger is a function or an object with a debug method", () => {
    expect(() => acme({ logger: () => undefined })).not.toThrow();
    expect(() => acme({ logger: { debug: () => undefined } })).not.toThrow();
    const message = "must be a function or an object with a debug method";
    expect(one({ logger: "console" })).toEqual([{ path: "logger", message: `${message} (got a string)` }]);
    expect(one({ logger: {} })).toEqual([{ path: "logger", message: `${message} (got object)` }]);
    expect(one({ logger: { debug: "yes" } })).toEqual([{ path: "logger", message: `${message} (got object)` }]);
    expect(one({ logger: null })).toEqual([{ path: "logger", message: `${message} (got null)` }]);
  });

  it("a per-call signal must have aborted, addEventListener and removeEventListener", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const client = acme({ fetch });
    const noop = () => undefined;
    for (const bad of [null, { aborted: false, addEventListener: noop }, { aborted: false, removeEventListener: noop }, { aborted: "no", addEventListener: noop, removeEventListener: noop }]) {
      const error = await client.items.list({}, { signal: bad }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([{ path: "signal", message: `must be an AbortSignal (got ${bad === null ? "null" : "object"})` }]);
    }
    expect(calls).toHaveLength(0);
    await expect(client.items.list({}, { signal: new AbortController().signal })).resolves.toEqual([]);
  });

  it("suggests a name within 2 edits, also past a unit suffix, and nothing at 3 edits", () => {
    expect(one({ timeoutMsec: 5 })).toEqual([{ path: "timeoutMsec", message: "is not a known option; did you mean `timeoutMs`?" }]);
    expect(one({ retry: { maxRetryAfterMsec: 5 } })).toEqual([{ path: "retry.maxRetryAfterMsec", message: "is not a known option; did you mean `maxRetryAfterMs`?" }]);
    expect(one({ fetchAll: 5 })).toEqual([{ path: "fetchAll", message: "is not a known option" }]);
  });

  it("a plural with one more typo still gets a suggestion", () => {
    expect(one({ ertries: 3 })).toEqual([{ path: "ertries", message: "is not a known option; did you mean `retry`?" }]);
    expect(one({ retires: 3 })).toEqual([{ path: "retires", message: "is not a known option; did you mean `retry`?" }]);
    expect(one({ requestBugdets: {} })).toEqual([{ path: "requestBugdets", message: "is not a known option; did you mean `requestBudget`?" }]);
  });
});
