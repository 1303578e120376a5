// Options are checked at run time: JavaScript callers bypass the types.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../src/index.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

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
