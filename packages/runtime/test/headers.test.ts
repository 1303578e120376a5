// One header check for every vendor, the client's and each call's headers and auth hooks: control
// characters and bad names are refused, naming the header but never showing the value.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { assertHeaderName, assertHeaders, assertHeaderValue, tokenAuth, ValidationError } from "../src/index.js";
import { redactedHeaderError } from "../src/headers.js";
import { acme, json, scriptedFetch } from "./fixtures.js";

const KEY = "key_live_ABCDEF123456";
const renderings = (e: unknown) => [String(e), (e as Error).message, (e as Error).stack ?? "", JSON.stringify(e), inspect(e, { depth: 5 })];
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe("header values", () => {
  it.each([
    ["NUL", "\u0000"], ["BEL", "\u0007"], ["ESC", "\u001b"], ["DEL", "\u007f"], ["VT", "\u000b"], ["CR", "\r"], ["LF", "\n"],
  ])("refuses %s in a credential without echoing it", (_name, char) => {
    const error = thrown(() => acme({}, { headers: { Authorization: `Bearer ${KEY}${char}x` } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("Authorization");
    for (const text of renderings(error)) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain("Bearer");
    }
  });

  it("allows HTAB and Latin-1, refuses characters above U+00FF", () => {
    expect(() => assertHeaderValue("X", "a\tb é")).not.toThrow();
    expect(() => assertHeaderValue("apiKey", `${KEY}\u2019`)).toThrow(/apiKey: must contain only Latin-1 characters/);
  });

  it("checks per-call headers the same way, before sending", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const error = await acme({ fetch }).items.list({}, { headers: { "X-Token": `${KEY}\u0000` } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain("headers.X-Token: must not contain control characters (found U+0000");
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
    expect(calls).toHaveLength(0);
  });

  it("checks raw openapi-fetch calls' headers, before openapi-fetch's Headers would quote the value", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const client = acme({ fetch }) as unknown as { raw: { POST: (p: string, i: unknown) => Promise<unknown> } };
    const error = await client.raw.POST("/items/list", { body: {}, headers: { Authorization: `Bearer ${KEY}\r\n` } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
    expect(calls).toHaveLength(0);
  });

  it("a TypeError from Headers inside an auth hook is rethrown redacted", async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    const client = acme({ fetch }, { auth: { apply: (h) => h.set("Authorization", `Bearer ${KEY}\u0000`) } });
    const error = await client.items.list({}).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.cause).toBeUndefined();
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
    expect(calls).toHaveLength(0);
  });

  it("a token obtained at run time with a control character is refused by tokenAuth", async () => {
    const auth = tokenAuth({ login: async () => `${KEY}\u0001` });
    const error = await Promise.resolve(auth.apply(new Headers(), undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
  });
});

describe("header names", () => {
  it.each(["X Trace", "X-Trace:", "Ünïcode", "", "a\u0000b", "(x)"])("refuses %j (not an RFC 9110 token)", async (name) => {
    expect(() => assertHeaderName(name)).toThrow(ValidationError);
    expect(() => acme({ headers: { [name]: "v" } })).toThrow(/not a valid header name/);
    const { fetch, calls } = scriptedFetch(() => json({ data: [] }));
    await expect(acme({ fetch }).items.list({}, { headers: { [name]: "v" } })).rejects.toThrow(ValidationError);
    expect(calls).toHaveLength(0);
  });

  it("accepts ordinary names", () => {
    for (const name of ["Authorization", "X-Api-Key", "api_access_token", "x.custom!"]) expect(() => assertHeaderName(name)).not.toThrow();
  });
});

// The exact outcome of each check (found by mutation testing: the tests above pinned the outcome of
// a call, not every issue, subject and skip rule of the checks themselves).
describe("the checks themselves", () => {
  const issuesOf = (fn: () => unknown) => {
    const error = thrown(fn);
    expect(ValidationError.is(error), String(error)).toBe(true);
    return { issues: (error as ValidationError).issues, message: (error as ValidationError).message };
  };

  it("a value that is not a string says what it is, null included", () => {
    expect(issuesOf(() => assertHeaderValue("apiKey", null as never)).issues).toEqual([{ path: "apiKey", message: "must be a string (got null)" }]);
    expect(issuesOf(() => assertHeaderValue("apiKey", 42 as never)).issues).toEqual([{ path: "apiKey", message: "must be a string (got number)" }]);
    expect(issuesOf(() => assertHeaderValue("apiKey", undefined as never)).issues).toEqual([{ path: "apiKey", message: "must be a string (got undefined)" }]);
  });

  it("names the control character found in upper-case hex, and the subject of the error", () => {
    const { issues, message } = issuesOf(() => assertHeaderValue("token", `a\u001bb`));
    expect(issues).toEqual([{ path: "token", message: "must not contain control characters (found U+001B; the value is not shown)" }]);
    expect(message).toMatch(/header value/);
    expect(() => assertHeaderValue("token", "tab\tis fine")).not.toThrow();
  });

  it("a bad header name is quoted in the path, with the rule", () => {
    const { issues, message } = issuesOf(() => assertHeaderName("X Bad"));
    expect(issues).toEqual([{ path: '"X Bad"', message: "is not a valid header name (RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~)" }]);
    expect(message).toMatch(/header name/);
    expect(() => assertHeaderName("X-Good_1")).not.toThrow();
  });

  it("assertHeaders lists every problem, skips undefined and null, and reads Headers objects too", () => {
    const { issues, message } = issuesOf(() => assertHeaders({ "X Bad": "v", "X-Ctl": "a\u0000", "X-None": undefined, "X-Null": null, "X-Ok": "fine", "Bad Too": "a\u0000" }));
    expect(issues).toEqual([
      { path: '"X Bad"', message: "is not a valid header name (RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~)" },
      { path: "X-Ctl", message: "must not contain control characters (found U+0000; the value is not shown)" },
      // A bad name is reported once: its value is not checked as well.
      { path: '"Bad Too"', message: "is not a valid header name (RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~)" },
    ]);
    expect(message).toMatch(/headers/);
    expect(() => assertHeaders({ "X-None": undefined, "X-Null": null })).not.toThrow();
    const headers = new Headers({ "x-ok": "fine" });
    expect(() => assertHeaders(headers)).not.toThrow();
    expect(() => assertHeaders({ "X-Ok": 5 as never })).toThrow(/X-Ok: must be a string \(got number\)/);
  });

  it("assertHeaders redacts the configured secrets from its message", () => {
    const { message } = issuesOf(() => assertHeaders({ [`X-${KEY}`]: "a\u0000" }, [KEY]));
    expect(message).not.toContain(KEY);
  });

  it("redactedHeaderError maps only fetch's header TypeErrors, without the value", () => {
    const mapped = redactedHeaderError(new TypeError(`Headers.append: "Bearer ${KEY}\u0000" is an invalid header value.`));
    expect(mapped?.issues).toEqual([{ path: "headers", message: "a header name or value was refused by fetch (the value is not shown)" }]);
    expect(mapped?.message).toMatch(/^Invalid headers/);
    expect(renderings(mapped).some((t) => t.includes(KEY))).toBe(false);
    expect(redactedHeaderError(new TypeError("Cannot convert value to a ByteString"))).toBeInstanceOf(ValidationError);
    expect(redactedHeaderError(new TypeError("fetch failed"))).toBeUndefined();
    expect(redactedHeaderError(new Error("invalid header value"))).toBeUndefined();
    expect(redactedHeaderError("header")).toBeUndefined();
  });
});
